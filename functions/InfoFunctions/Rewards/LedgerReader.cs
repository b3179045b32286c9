using InfoFunctions.Identity;
using InfoFunctions.Platform;

namespace InfoFunctions.Rewards;

/// <summary>The ledger as people read it: their own, their unit's; admins and leaders anyone's.</summary>
public sealed class LedgerReader(LedgerStore ledger)
{
    /// <summary>Admins and leaders read every ledger and settlement.</summary>
    public const Role Readers = Role.Admin | Role.Leader;

    /// <summary>
    /// A unit's lines when <paramref name="unitId"/> is given, else a person's (the caller's by default).
    /// </summary>
    public async Task<Result<LedgerView>> ReadAsync(
        Principal who, string? period, string? unitId, string? personId, CancellationToken ct)
    {
        if (!HalfYear.TryParse(period, out var p)) return HalfYear.Invalid(period);
        var kind = string.IsNullOrEmpty(unitId) ? PartyKind.Person : PartyKind.Unit;
        var id = kind == PartyKind.Unit ? unitId! : string.IsNullOrEmpty(personId) ? who.Id : personId;
        if (!MayRead(who, kind, id)) return Problem.Forbidden("只能查看本人或本单位的积分明细。");
        var lines = new List<LedgerLine>();
        await foreach (var l in ledger.ScanAsync(p, LedgerKeys.Party(kind, LedgerKeys.Safe(id)), ct)) lines.Add(l);
        return new LedgerView(p.Key, kind.ToString().ToLowerInvariant(), id, lines.Sum(l => l.Points),
            lines.Sum(l => l.Yuan), lines);
    }

    /// <summary>Admins and leaders read anyone's; a person their own, and their unit's.</summary>
    public static bool MayRead(Principal who, PartyKind kind, string partyId) =>
        who.IsInRole(Readers) || (kind == PartyKind.Person ? partyId == who.Id : partyId == who.UnitId);
}
