
namespace InfoFunctions.Review;

/// <summary>The most similar earlier report, when it is similar enough to name.</summary>
public sealed record DuplicateHit(string ReportId, string TrackingNumber, string Title, double Similarity);
