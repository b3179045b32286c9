using InfoFunctions.DirectoryFeature;
using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// The rules the format checks apply now, and the checks on a draft the console sends while typing. Whether an
/// active carrier prints photos changes a few times a year but is asked for every report, so each instance keeps
/// the answer for <see cref="RememberFor"/>.
/// </summary>
public sealed class FormatChecks(IOptions<ReviewOptions> options, CarrierStore carriers, TimeProvider time)
{
    public static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(30);

    private sealed record Known(bool CaptionsRequired, DateTimeOffset At);

    private Known? _known;

    public async Task<IntakeRules> RulesAsync(CancellationToken ct) =>
        new(IntakeChecks.TitleMin, options.Value.TitleMaxLength, await CaptionsRequiredAsync(ct));

    private async Task<bool> CaptionsRequiredAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_known is { } known && now - known.At < RememberFor) return known.CaptionsRequired;
        var required = (await carriers.ListAsync(includeInactive: false, ct)).Any(c => c.Value.RequiresCaptions);
        _known = new(required, now);
        return required;
    }

    private const int MaxImages = 100;

    public async Task<Result<DraftChecks>> CheckDraftAsync(DraftChecksRequest draft, CancellationToken ct)
    {
        if (draft.Images is < 0 or > MaxImages)
            return Problem.Field("images", $"images 应为 0 到 {MaxImages} 之间的张数。");
        var rules = await RulesAsync(ct);
        var (title, body) = (draft.Title ?? "", draft.Body ?? "");
        var fixes = IntakeChecks.Check(title, body, draft.Authors ?? [], draft.Images ?? 0, rules);
        return new DraftChecks(title.Trim().Length, CharCounter.Count(body), fixes, rules.TitleMin, rules.TitleMax,
            rules.CaptionsRequired);
    }
}
