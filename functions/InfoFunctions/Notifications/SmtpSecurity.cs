namespace InfoFunctions.Notifications;

/// <summary>How the SMTP connection is secured (MailKit's <c>SecureSocketOptions</c>).</summary>
public enum SmtpSecurity
{
    Auto,
    SslOnConnect,
    StartTls,
    None,
}
