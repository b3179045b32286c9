namespace InfoFunctions.Dispatch;

/// <summary>What a group (deputies, the 机关) contributed in the period.</summary>
public sealed record GroupContribution(string Name, int Contributors, int Submitted, int Adopted,
    decimal? ShareOfSubmitted);
