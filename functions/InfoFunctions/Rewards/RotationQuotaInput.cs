namespace InfoFunctions.Rewards;

/// <summary>A rotating person's extra submission task for the year (轮岗任务).</summary>
public sealed record RotationQuotaInput(
    string? PersonId, int? Quota, [Text(InputRules.NoteMax, Multiline = true)] string? Note);
