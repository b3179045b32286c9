namespace InfoFunctions.Notifications;

/// <summary>A notice type: its template name, Chinese name, and whether it may be opted out of.</summary>
public sealed record TemplateInfo(string Name, string DisplayName, bool Mandatory);
