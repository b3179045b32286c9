namespace InfoFunctions.Notifications;

/// <summary>A template filled for one recipient: subject, plain text and HTML.</summary>
public sealed record RenderedEmail(string Subject, string Text, string Html);
