using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// What review shows of a report its readers may see (history, versions, diffs, carriers), and work queues.
/// </summary>
public sealed class ReviewQueries(ReportService readable, ReportStore reports, ReviewStore store)
{
    private const int QueueLimit = 500;

    private static readonly ReportStatus[] EditorStatuses =
    [
        ReportStatus.AwaitingEdit, ReportStatus.Editing, ReportStatus.AwaitingReview, ReportStatus.SignedOff,
        ReportStatus.Forwarded,
    ];

    public Task<Result<IReadOnlyList<ReportEvent>>> HistoryAsync(Principal who, string reportId,
        CancellationToken ct) =>
        Readable(who, reportId, ct).ThenAsync(async r => Ok(await reports.EventsAsync(r.Id, ct)));

    public Task<Result<IReadOnlyList<VersionSummary>>> VersionsAsync(Principal who, string reportId,
        CancellationToken ct) =>
        Readable(who, reportId, ct).ThenAsync(async r =>
            Ok<IReadOnlyList<VersionSummary>>((await store.VersionsAsync(r, ct))
            .Select(v => new VersionSummary(v.Number, v.Kind, v.Title, v.Who, v.At, v.Comment,
                CharCounter.Count(v.Body)))
            .ToList()));

    public Task<Result<ReportVersion>> VersionAsync(Principal who, string reportId, string number,
        CancellationToken ct) =>
        Readable(who, reportId, ct).ThenAsync(async r =>
        {
            var versions = await store.VersionsAsync(r, ct);
            return int.TryParse(number, out var n) && versions.FirstOrDefault(v => v.Number == n) is { } v
                ? v : (Result<ReportVersion>)Problem.NotFound($"第 {number} 版");
        });

    /// <summary>
    /// What changed between two versions (default: the original against the latest), character by character.
    /// </summary>
    public Task<Result<VersionDiff>> DiffAsync(Principal who, string reportId, string? from, string? to,
        CancellationToken ct) =>
        Readable(who, reportId, ct).ThenAsync(async r =>
        {
            var versions = await store.VersionsAsync(r, ct);
            var last = versions[^1].Number;
            var errors = new List<FieldError>();
            var a = VersionNumber(from, "from", 1, last, errors);
            var b = VersionNumber(to, "to", last, last, errors);
            if (errors.Count > 0) return Problem.Invalid("invalid-version", errors[0].Message, errors);
            var (older, newer) = (versions.First(v => v.Number == a), versions.First(v => v.Number == b));
            return Ok(new VersionDiff(a, b, TextDiff.Compute(older.Title, newer.Title),
                TextDiff.Compute(older.Body, newer.Body)));
        });

    private static int VersionNumber(string? text, string field, int absent, int last, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(text)) return absent;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= last)
            return n;
        errors.Add(new(field, $"{field} 应为 1 到 {last} 之间的版本号。"));
        return absent;
    }

    public Task<Result<IReadOnlyList<CarrierRecord>>> CarriersAsync(Principal who, string reportId,
        CancellationToken ct) =>
        Readable(who, reportId, ct).ThenAsync(async r => Ok(await store.CarriersAsync(r.Id, ct)));

    /// <summary>
    /// 待办: editors see what is assigned to them (待编辑/编辑中/待审改 and on to 报送), signers what waits for
    /// sign-off, officers their own reports with the current state. <paramref name="asked"/>: editor, signer or
    /// officer.
    /// </summary>
    public async Task<Result<IReadOnlyList<WorkItem>>> QueueAsync(Principal who, string? asked, CancellationToken ct)
    {
        var role = string.IsNullOrEmpty(asked)
            ? who.IsInRole(Role.Signer) ? Role.Signer : who.IsInRole(Role.Editor) ? Role.Editor : Role.Officer
            : Roles.TryParse(asked, out var named) && named is Role.Editor or Role.Signer or Role.Officer ? named
                : Role.None;
        if (role == Role.None) return Problem.Invalid("invalid-role", "as 应为 editor、signer 或 officer。");
        if (!who.IsInRole(role)) return Problem.Forbidden("您没有该角色，不能查看其待办。");
        var rows = role switch
        {
            Role.Editor => await reports.FindAsync(EditorStatuses, editorId: who.Id, submittedBy: null, QueueLimit, ct),
            Role.Signer => await reports.FindAsync([ReportStatus.AwaitingSignOff], null, null, QueueLimit, ct),
            _ => await reports.FindAsync(null, null, submittedBy: who.Id, QueueLimit, ct),
        };
        return rows.OrderBy(x => x.SubmittedAt)
            .Select(x => new WorkItem(x.Id, x.TrackingNumber ?? "", x.PartitionKey, x.Title ?? "", x.StatusValue,
                ReviewRules.StatusName(x.StatusValue), x.EditorId, x.SubmittedAt ?? default))
            .ToList();
    }

    private async Task<Result<Report>> Readable(Principal who, string reportId, CancellationToken ct) =>
        (await readable.ReadableAsync(who, reportId, ct)).Map(v => v.Value);

    private static Result<T> Ok<T>(T value) => value;
}
