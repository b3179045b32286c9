namespace InfoFunctions.Dispatch;

/// <summary>What a person produced during a rotation window, for the year-end assessment.</summary>
public sealed record RotationOutput(RotationWindow Window, int Submitted, int Adopted,
    IReadOnlyList<RotationReport> Reports);
