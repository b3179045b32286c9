namespace InfoFunctions.Dispatch;

/// <summary>The period's figures over all units.</summary>
public sealed record BulletinTotals(
    int Submitted, int Adopted, int AdoptionsProvincial, int AdoptionsMunicipal, decimal? AdoptionRate, decimal Points,
    int PreviousSubmitted, int PreviousAdopted, int TopicsFulfilled, int TopicsOverdue, int UnitsWithoutSubmissions);
