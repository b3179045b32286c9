namespace InfoFunctions.Notifications;

/// <summary>A person a notice goes to. <see cref="PersonId"/> is null for a plain address.</summary>
public sealed record Recipient(string? PersonId, string Name, string Email);
