namespace InfoFunctions.Review;

/// <summary>An editor on duty, with the name the history shows.</summary>
public sealed record DutyEditor(string Id, string Name);
