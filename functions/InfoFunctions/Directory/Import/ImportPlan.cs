namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>What an import will write, or every error that stops it. Pure: no storage.</summary>
public sealed record ImportPlan<TWrite>(IReadOnlyList<TWrite> Writes, ImportSummary Summary,
    IReadOnlyList<FieldError> Errors);
