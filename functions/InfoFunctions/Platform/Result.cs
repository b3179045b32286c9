namespace InfoFunctions.Platform;

/// <summary>
/// What a service call came to: a value, or a <see cref="Problem"/>. Services return this and never
/// HTTP types; function classes map it with <see cref="Api"/>.
/// </summary>
public readonly record struct Result<T>
{
    private readonly T? _value;

    public Result(T value) => _value = value;

    public Result(Problem problem) => Problem = problem;

    public Problem? Problem { get; }
    public bool IsOk => Problem is null;

    /// <summary>The value; reading it from a failed result is a programming error.</summary>
    public T Value => IsOk ? _value! : throw new InvalidOperationException($"结果是错误（{Problem!.Code}），没有值。");

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Problem problem) => new(problem);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) => IsOk ? map(Value) : Problem!;

    public Result<TOut> Then<TOut>(Func<T, Result<TOut>> next) => IsOk ? next(Value) : Problem!;

    public async Task<Result<TOut>> ThenAsync<TOut>(Func<T, Task<Result<TOut>>> next) =>
        IsOk ? await next(Value) : Problem!;
}

/// <summary>A service call that has no value to return: done, or a <see cref="Problem"/>.</summary>
public readonly record struct Result
{
    public Result(Problem? problem) => Problem = problem;

    public Problem? Problem { get; }
    public bool IsOk => Problem is null;

    public static Result Ok => default;

    public static implicit operator Result(Problem problem) => new(problem);
}
