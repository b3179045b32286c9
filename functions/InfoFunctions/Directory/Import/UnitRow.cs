namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>A row to upsert, with errors already found while reading its cells.</summary>
public sealed record UnitRow(int Line, UnitInput Input);
