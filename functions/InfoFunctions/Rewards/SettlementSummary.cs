namespace InfoFunctions.Rewards;

/// <summary>
/// A period's settlement record. <see cref="ContentHash"/> changes only when a statement changes; <see cref="History"/>
/// lists every run, reopening and payment.
/// </summary>
public sealed record SettlementSummary(
    string Period, SettlementStatus Status, int Persons, int Units, long LineCount,
    decimal PersonPoints, decimal PersonYuan, decimal UnitPoints, decimal UnitYuan,
    DateTimeOffset? FirstSettledAt, DateTimeOffset? LastRunAt, DateTimeOffset? PaidAt, string? PaidBy,
        string? ContentHash, IReadOnlyList<SettlementEvent>? History = null);
