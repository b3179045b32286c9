namespace InfoFunctions.Dispatch;

/// <summary>One unit in the 通报: its rank, figures, change against the previous period, topics and targets.</summary>
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
    decimal? AdoptionProgress);
