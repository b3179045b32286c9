namespace InfoFunctions.Notifications;

/// <summary>One notice type and whether the person receives it (mandatory ones always).</summary>
public sealed record PreferenceItem(string Template, string DisplayName, bool Mandatory, bool Enabled);
