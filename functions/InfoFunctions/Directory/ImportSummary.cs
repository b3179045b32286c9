namespace InfoFunctions.DirectoryFeature;

/// <summary>What an import or demo load did.</summary>
public sealed record ImportSummary(int Created, int Updated, int Unchanged);
