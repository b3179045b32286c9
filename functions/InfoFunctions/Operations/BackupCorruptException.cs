namespace InfoFunctions.Operations;

/// <summary>A backup file is missing or its hash differs from the manifest: nothing is restored from it.</summary>
public sealed class BackupCorruptException(string message) : Exception(message);
