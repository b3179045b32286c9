namespace InfoFunctions.Review;

/// <summary>
/// The order of a report's days, in Beijing time: submitted ≤ forwarded ≤ adopted ≤ today. A date out of order is
/// a 400 <c>invalid-date</c> naming the field, so a 2026 report cannot be forwarded in 2025 nor adopted tomorrow.
/// </summary>
public static class ReviewDates
{
    public const string Code = "invalid-date";

    /// <summary>
    /// The problem with <paramref name="day"/> (what <paramref name="label"/> names, in <paramref name="field"/>),
    /// which may be no earlier than <paramref name="earliest"/> (<paramref name="earliestLabel"/>) and no later than
    /// <paramref name="today"/>; null when it is in order.
    /// </summary>
    public static Problem? Check(string field, string label, DateOnly day, string earliestLabel, DateOnly earliest,
        DateOnly today)
    {
        var message = day > today
            ? $"{label}（{BusinessTime.Format(day)}）不能晚于今天（北京时间 {BusinessTime.Format(today)}）。"
            : day < earliest
                ? $"{label}（{BusinessTime.Format(day)}）不能早于{earliestLabel}（{BusinessTime.Format(earliest)}）。"
                : null;
        return message is null ? null : Problem.Invalid(Code, message, [new FieldError(field, message)]);
    }
}
