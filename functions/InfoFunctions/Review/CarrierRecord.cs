namespace InfoFunctions.Review;

/// <summary>Where a report went (报送) and what became of it there (采用 / 未采用), one per carrier.</summary>
public sealed record CarrierRecord(
    string CarrierId, string CarrierName, string Outcome, DateOnly ForwardedOn, string ForwardedBy,
    DateOnly? AdoptedOn = null, string? Issue = null, string? Page = null, string? Url = null, string? Evidence = null,
    string? EndorsementLevel = null, string? EndorsedBy = null, string? EndorsementText = null, string? EventId = null,
    string? Note = null);
