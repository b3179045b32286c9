namespace InfoFunctions.Rewards;

/// <summary>An editor's nomination of an adopted report.</summary>
public sealed record NominationInput(string? ReportId, [Text(InputRules.NoteMax, Multiline = true)] string? Note);
