namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>A column the importer understands: its field, Chinese label and accepted header spellings.</summary>
public sealed record ColumnSpec(string Field, string Label, bool Required, params string[] Aliases);
