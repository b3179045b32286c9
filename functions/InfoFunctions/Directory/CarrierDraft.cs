namespace InfoFunctions.DirectoryFeature;

public sealed record CarrierDraft(string? Id, string Name, CarrierLevel Level, CarrierKind Kind, bool? Active,
    bool? RequiresCaptions);
