namespace InfoFunctions.Review;

/// <summary>A carrier to forward to (报送), on a day (default today).</summary>
public sealed record ForwardTarget(string? CarrierId, DateOnly? Date);
