namespace InfoFunctions.Notifications;

/// <summary>A template could not be filled: a tag names data that is missing, or the template is malformed.</summary>
public sealed class TemplateRenderException(string message) : Exception(message);
