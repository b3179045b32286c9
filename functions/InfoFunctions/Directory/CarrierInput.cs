namespace InfoFunctions.DirectoryFeature;

public sealed record CarrierInput(string? Id, string? Name, string? Level, string? Kind, bool? Active,
    bool? RequiresCaptions = null);
