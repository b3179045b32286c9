namespace InfoFunctions.Platform;

/// <summary>
/// Chaining on a pending <see cref="Result{T}"/>: <c>await Api.ReadJsonAsync&lt;X&gt;(req).ThenAsync(x =&gt;
/// service.DoAsync(x, ct))</c>.
/// </summary>
public static class ResultTasks
{
    public static async Task<Result<TOut>> ThenAsync<T, TOut>(
        this Task<Result<T>> pending,
        Func<T, Task<Result<TOut>>> next
    ) => await (await pending).ThenAsync(next);

    public static async Task<Result> ThenAsync<T>(this Task<Result<T>> pending, Func<T, Task<Result>> next)
    {
        var result = await pending;
        return result.IsOk ? await next(result.Value) : result.Problem!;
    }
}
