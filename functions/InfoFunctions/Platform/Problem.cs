namespace InfoFunctions.Platform;

/// <summary>
/// A refusal as services state it: a kind (mapped to HTTP once, by <see cref="Api"/>), a stable machine
/// <see cref="Code"/> and a Chinese <see cref="Detail"/>; optionally per-field errors and, for 409/412,
/// the current state with its ETag so the client can show what changed.
/// </summary>
public sealed record Problem(ProblemKind Kind, string Code, string Detail)
{
    public IReadOnlyList<FieldError>? Errors { get; init; }
    public object? Current { get; init; }
    public string? ETag { get; init; }
    public TimeSpan? RetryAfter { get; init; }

    public static Problem Invalid(string code, string detail, IReadOnlyList<FieldError>? errors = null) =>
        new(ProblemKind.Invalid, code, detail) { Errors = errors };

    /// <summary>400 <c>validation-failed</c> listing every field error.</summary>
    public static Problem Invalid(IReadOnlyList<FieldError> errors) =>
        Invalid(
            "validation-failed",
            $"输入有误（{errors.Count} 处）：{string.Join("；", errors.Select(e => e.Message))}",
            errors
        );

    public static Problem Field(string field, string message) => Invalid([new FieldError(field, message)]);

    public static Problem NotFound(string what) => new(ProblemKind.NotFound, "not-found", $"未找到{what}。");

    public static Problem Forbidden(string detail) => new(ProblemKind.Forbidden, "forbidden", detail);

    public static Problem Conflict(string code, string detail) => new(ProblemKind.Conflict, code, detail);

    public static Problem TooLarge(string code, string detail) => new(ProblemKind.TooLarge, code, detail);

    public static Problem Unsupported(string code, string detail) => new(ProblemKind.UnsupportedType, code, detail);

    public static Problem Unprocessable(string code, string detail) => new(ProblemKind.Unprocessable, code, detail);

    public static Problem Stale(object current, string etag) =>
        new(
            ProblemKind.Stale,
            "precondition-failed",
            "数据已被他人修改（If-Match 与当前版本不符）；请查看当前内容后重试。"
        )
        {
            Current = current,
            ETag = etag,
        };

    public static Problem IfMatchRequired() =>
        new(
            ProblemKind.PreconditionRequired,
            "if-match-required",
            "请在 If-Match 请求头中提供读取时得到的 ETag，以免覆盖他人的修改。"
        );
}
