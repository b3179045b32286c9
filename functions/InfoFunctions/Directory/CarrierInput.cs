namespace InfoFunctions.DirectoryFeature;

public sealed record CarrierInput(
    string? Id, [Text(InputRules.NameMax)] string? Name, string? Level, string? Kind, bool? Active,
    bool? RequiresCaptions = null);
