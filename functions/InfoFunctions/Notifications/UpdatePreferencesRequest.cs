namespace InfoFunctions.Notifications;

/// <summary>The optional notices a person turns off (template names); every other one is on.</summary>
public sealed record UpdatePreferencesRequest(IReadOnlyList<string>? OptedOut);
