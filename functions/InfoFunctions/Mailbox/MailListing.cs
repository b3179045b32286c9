namespace InfoFunctions.Mailbox;

/// <summary>
/// Received mail with its outcome, for editors and admins: by outcome and by Beijing day (both optional; without
/// days, the last 30), oldest first in pages (mail ids begin with the UTC time they arrived).
/// </summary>
public sealed class MailListing(MailStore mail, TimeProvider time)
{
    public const int DefaultPageSize = 50;

    public static string OutcomeName(MailStatus s) => JsonNamingPolicy.CamelCase.ConvertName(s.ToString());

    public async Task<Result<MailPage>> ListAsync(MailListRequest request, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        MailStatus? outcome = null;
        if (Given(request.Outcome) is { } o)
        {
            if (Enum.TryParse<MailStatus>(o, true, out var s) && Enum.IsDefined(s) && !int.TryParse(o, out _))
                outcome = s;
            else errors.Add(new("outcome", $"结果“{Clip(o)}”无效；可选：" +
                string.Join("、", Enum.GetValues<MailStatus>().Select(OutcomeName)) + "。"));
        }
        var from = Day(request.From, "from", errors);
        var to = Day(request.To, "to", errors);
        var pageSize = Paging.PageSize(request.PageSize, DefaultPageSize, errors);
        var continuation = Paging.Continuation(request.ContinuationToken, errors);
        if (from is { } f && to is { } t && f > t) errors.Add(new("to", "结束日期不能早于开始日期。"));
        if (errors.Count > 0)
            return Problem.Invalid("invalid-query", string.Join(" ", errors.Select(e => e.Message)), errors);

        var first = from ?? BusinessTime.DayOf(time.GetUtcNow()).AddDays(-29);
        var since = BusinessTime.StartOf(first).ToUniversalTime();
        var until = to is { } last ? BusinessTime.StartOf(last.AddDays(1)).ToUniversalTime() : (DateTimeOffset?)null;
        var (records, next) = await mail.ListAsync(outcome, since, until, pageSize, continuation, ct);

        var items = new List<MailItem>();
        foreach (var r in records)
        {
            var original = r.DuplicateOf is { } d ? await mail.GetAsync(d, ct) : null;
            // The same bytes again are not parsed: sender and subject are the original's.
            items.Add(new MailItem(r.MailId, r.ReceivedAt, r.From ?? original?.From, r.FromName ?? original?.FromName,
                r.Subject ?? original?.Subject, OutcomeName(r.Status), r.Note, r.ReportId ?? original?.ReportId,
                r.TrackingNumber ?? original?.TrackingNumber, r.DuplicateOf));
        }
        return new MailPage(items, Paging.Token(next));
    }

    private static string? Given(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static DateOnly? Day(string? text, string field, List<FieldError> errors)
    {
        if (Given(text) is not { } t) return null;
        if (BusinessTime.TryParseDay(t, out var day)) return day;
        errors.Add(new(field, $"日期“{Clip(t)}”无效，应为 {InputRules.DayHint}（北京时间）。"));
        return null;
    }
}
