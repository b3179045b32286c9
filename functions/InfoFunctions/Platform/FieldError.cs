namespace InfoFunctions.Platform;

/// <summary>
/// One problem with one input field, in Chinese (<c>authors[1].share</c>: 份额应在 0 到 1 之间). In an
/// imported file, <see cref="Line"/> is the file's line and <see cref="Field"/> the column's header
/// (empty when the whole line is wrong).
/// </summary>
public sealed record FieldError(string Field, string Message)
{
    public int? Line { get; init; }

    public static FieldError AtLine(int line, string? column, string message) =>
        new(column ?? "", message) { Line = line };
}
