namespace InfoFunctions.Notifications;

/// <summary>Email addresses: which are valid, and the one form they are compared in.</summary>
public static class MailAddresses
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>A single mailbox, bare or with a display name ("张三 &lt;zhang@example.org&gt;").</summary>
    public static bool IsValid(string? email) =>
        !string.IsNullOrWhiteSpace(email) && MimeKit.MailboxAddress.TryParse(email.Trim(), out var m)
        && m.Address.IndexOf('@') is > 0 and var at && at < m.Address.Length - 1 && !m.Address.Any(char.IsWhiteSpace);
}
