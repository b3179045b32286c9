namespace InfoFunctions.Dispatch;

/// <summary>How long a generation took, split into reading storage and building the outputs.</summary>
public sealed record BulletinTiming(TimeSpan Reading, TimeSpan Building, TimeSpan Writing);
