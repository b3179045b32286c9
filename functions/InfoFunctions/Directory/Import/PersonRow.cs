namespace InfoFunctions.DirectoryFeature.Import;

public sealed record PersonRow(int Line, PersonInput Input, IReadOnlyList<FieldError> CellErrors);
