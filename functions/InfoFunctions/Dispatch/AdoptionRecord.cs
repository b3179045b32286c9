using InfoFunctions.Submissions;

namespace InfoFunctions.Dispatch;

/// <summary>One adoption (采用) of a report by a carrier, dated when the carrier adopted it.</summary>
public sealed record AdoptionRecord(
    string ReportId, string UnitId, ReportCategory Category, IReadOnlyList<BulletinAuthor> Authors,
    string CarrierId, string CarrierName, CarrierTier Tier, DateTimeOffset AdoptedAt);
