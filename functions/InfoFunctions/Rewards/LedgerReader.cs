using Microsoft.AspNetCore.WebUtilities;

namespace InfoFunctions.Rewards;

/// <summary>
/// The ledger as people read it: their own and their unit's; the office (editors, signers, leaders, admins) anyone's,
/// and the whole period page by page.
/// </summary>
public sealed class LedgerReader(LedgerStore ledger, DirectoryNames directory)
{
    /// <summary>Admins and leaders read every settlement and statement.</summary>
    public const Role Readers = Role.Admin | Role.Leader;
    public const int DefaultPageSize = 100, MaxPageSize = 1000;

    /// <summary>
    /// A unit's lines when <c>unitId</c> is given, a person's when <c>personId</c> is; without either, the office gets
    /// the whole period (<see cref="LedgerPage"/>) and anyone else their own lines.
    /// </summary>
    public async Task<Result<object>> ReadAsync(Principal who, LedgerQuery q, CancellationToken ct)
    {
        if (!HalfYear.TryParse(q.Period, out var p)) return HalfYear.Invalid(q.Period);
        if (string.IsNullOrEmpty(q.UnitId) && string.IsNullOrEmpty(q.PersonId) && who.IsInRole(Role.Office))
            return (await PageAsync(p, q, ct)).Map(page => (object)page);
        var kind = string.IsNullOrEmpty(q.UnitId) ? PartyKind.Person : PartyKind.Unit;
        var id = kind == PartyKind.Unit ? q.UnitId! : string.IsNullOrEmpty(q.PersonId) ? who.Id : q.PersonId;
        if (!MayRead(who, kind, id, Role.Office)) return Problem.Forbidden("只能查看本人或本单位的积分明细。");
        var unitName = await directory.UnitsAsync(ct);
        var lines = new List<LedgerLine>();
        await foreach (var l in ledger.ScanAsync(p, LedgerKeys.Party(kind, LedgerKeys.Safe(id)), ct))
            lines.Add(Named(l, unitName));
        return new LedgerView(p.Key, kind.ToString().ToLowerInvariant(), id, lines.Sum(l => l.Points),
            lines.Sum(l => l.Yuan), lines);
    }

    /// <summary>
    /// A person may read their own, and their unit's; <paramref name="readers"/> (admins and leaders by default)
    /// anyone's.
    /// </summary>
    public static bool MayRead(Principal who, PartyKind kind, string partyId, Role readers = Readers) =>
        who.IsInRole(readers) || (kind == PartyKind.Person ? partyId == who.Id : partyId == who.UnitId);

    private async Task<Result<LedgerPage>> PageAsync(HalfYear period, LedgerQuery q, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        PartyKind? party = Given(q.PartyKind) switch
        {
            null => null,
            "person" => PartyKind.Person,
            "unit" => PartyKind.Unit,
            var other => Error<PartyKind>(errors, "partyKind", $"partyKind“{other}”无效，应为 person 或 unit。"),
        };
        LedgerEventKind? kind = Given(q.Kind) is not { } k ? null
            : Enum.TryParse<LedgerEventKind>(k, ignoreCase: true, out var parsed) && !int.TryParse(k, out _) ? parsed
            : Error<LedgerEventKind>(errors, "kind", $"kind“{k}”无效，应为 " +
                string.Join("、", Enum.GetValues<LedgerEventKind>().Select(v => Json.Name(v))) + "。");
        var pageSize = DefaultPageSize;
        if (Given(q.PageSize) is { } ps && (!int.TryParse(ps, out pageSize) || pageSize is < 1 or > MaxPageSize))
            errors.Add(new("pageSize", $"每页条数（pageSize）应在 1 到 {MaxPageSize} 之间。"));
        string? continuation = null;
        if (Given(q.ContinuationToken) is { } token)
        {
            try { continuation = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token)); }
            catch (FormatException) { errors.Add(new("continuationToken", "翻页令牌无效。")); }
        }
        if (errors.Count > 0) return Problem.Invalid(errors);

        var text = Given(q.Text)?.Trim();
        var unitName = await directory.UnitsAsync(ct);
        var (lines, next) = await ledger.PageAsync(period, party, kind, Given(q.CarrierId), Given(q.ReportId),
            l => text is null || Contains(Named(l, unitName), text), pageSize, continuation, ct);
        return new LedgerPage(period.Key, lines.Select(l => Named(l, unitName)).ToList(),
            next is null ? null : WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(next)));
    }

    /// <summary>Units' lines written before they carried the unit's name show it too.</summary>
    private static LedgerLine Named(LedgerLine l, Func<string, string> unitName) =>
        l.PartyKind == PartyKind.Unit && l.PartyName == l.PartyId ? l with { PartyName = unitName(l.PartyId) } : l;

    private static bool Contains(LedgerLine l, string text) =>
        new[] { l.Title, l.TrackingNumber, l.PartyName, l.Reason }.Any(s =>
            s?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);

    private static T? Error<T>(List<FieldError> errors, string field, string message) where T : struct
    {
        errors.Add(new(field, message));
        return null;
    }

    private static string? Given(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
