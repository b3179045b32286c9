using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>One line of the adoption register (采用登记): a report adopted by a carrier, with any 领导批示.</summary>
public sealed record AdoptionRegisterRow(
    string ReportId, string TrackingNumber, string Title, string UnitId, ReportCategory Category,
    IReadOnlyList<string> Authors, string CarrierId, string CarrierName, DateOnly AdoptedOn, string? Issue,
    string? Page, string? Url, string? EndorsementLevel, string? EndorsedBy, string? EndorsementText);
