namespace InfoFunctions.Review;

public sealed record VersionDiff(int From, int To, IReadOnlyList<DiffSegment> Title, IReadOnlyList<DiffSegment> Body);
