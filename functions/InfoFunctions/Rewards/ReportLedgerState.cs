namespace InfoFunctions.Rewards;

/// <summary>
/// The ledger's memory of one report: its counting adoptions, what each party has been given for
/// them so far, the other facts' effects, and corrections that arrived before the fact they cancel.
/// </summary>
public sealed record ReportLedgerState(
    IReadOnlyList<AdoptionEntry> Adoptions,
    IReadOnlyDictionary<string, PartyAmount> AdoptionGiven,
    IReadOnlyDictionary<string, IReadOnlyList<PartyAmount>> Effects,
    IReadOnlyList<string> Cancelled)
{
    public static readonly ReportLedgerState Empty = new([], new Dictionary<string, PartyAmount>(),
        new Dictionary<string, IReadOnlyList<PartyAmount>>(), []);
}
