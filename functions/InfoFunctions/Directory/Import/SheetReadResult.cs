namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>Rows read from a file, or the reasons it could not be read at all.</summary>
public sealed record SheetReadResult(IReadOnlyList<SheetRow> Rows, IReadOnlyList<FieldError> Errors);
