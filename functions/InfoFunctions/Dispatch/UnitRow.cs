namespace InfoFunctions.Dispatch;

/// <summary>
/// One unit in the 通报: its rank, figures, change against the previous period, topics and targets;
/// <see cref="UnitShortName"/> is what the document's tables print (the 简称, else the name).
/// </summary>
public sealed record UnitRow(
    int Rank,
    string UnitId,
    string UnitName,
    string LevelName,
    bool IsGovernmentOffice,
    int Submitted,
    int AdoptionsProvincial,
    int AdoptionsMunicipal,
    int Adopted,
    decimal? AdoptionRate,
    decimal Points,
    int? PreviousRank,
    int? RankChange,
    int PreviousSubmitted,
    int PreviousAdopted,
    int SubmittedChange,
    int AdoptedChange,
    int TopicsFulfilled,
    int TopicsOverdue,
    int? TargetSubmissions,
    int? TargetAdoptions,
    decimal? SubmissionProgress,
    decimal? AdoptionProgress,
    string? UnitShortName = null)
{
    /// <summary>Whether the unit has 约稿 or a target this period (the second table lists only those).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasTopicsOrTargets =>
        TopicsFulfilled + TopicsOverdue > 0 || TargetSubmissions is not null || TargetAdoptions is not null;
}
