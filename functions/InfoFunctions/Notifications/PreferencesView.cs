namespace InfoFunctions.Notifications;

/// <summary>Every notice type with the person's choice.</summary>
public sealed record PreferencesView(string PersonId, IReadOnlyList<PreferenceItem> Templates);
