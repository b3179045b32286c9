namespace InfoFunctions.Dispatch;

/// <summary>A rotation window as an admin arranges it: days as <c>yyyy-MM-dd</c> (Beijing), both inclusive.</summary>
public sealed record RotationInput(
    string? PersonId, string? From, string? To, [Text(InputRules.NoteMax, Multiline = true)] string? Note);
