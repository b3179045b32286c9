namespace InfoFunctions.Dispatch;

/// <summary>An author as the 通报 counts them; deputies are counted apart.</summary>
public sealed record BulletinAuthor(string? PersonId, string Name, bool IsDeputy);
