namespace InfoFunctions.Review;

/// <summary>A run of characters a diff keeps, inserts or deletes.</summary>
public sealed record DiffSegment(DiffOp Op, string Text);
