namespace InfoFunctions.Platform;

/// <summary>What one sweep did: marks read and retired, outbox rows and messages sent, marks that failed.</summary>
public sealed record OutboxSweep(int Marks, int Retired, int Rows, int Messages, int Failed);
