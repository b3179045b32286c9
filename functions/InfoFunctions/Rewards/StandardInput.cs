namespace InfoFunctions.Rewards;

/// <summary>A proposed standard as the API takes it: everything nullable so bad input becomes Chinese errors.</summary>
public sealed record StandardInput(
    string? EffectiveFrom,
    Dictionary<string, RewardAmount>? Carriers,
    Dictionary<string, RewardAmount>? EndorsementBonuses,
    Dictionary<string, RewardAmount>? Penalties,
    string? MultiCarrier,
    Dictionary<string, RewardAmount>? GradeRewards,
    [Text(InputRules.NoteMax, Multiline = true)] string? Note);
