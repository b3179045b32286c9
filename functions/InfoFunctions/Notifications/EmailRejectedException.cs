namespace InfoFunctions.Notifications;

/// <summary>The provider refused this email for good (a 4xx other than 429): retries would be refused too.</summary>
public sealed class EmailRejectedException(string message) : Exception(message);
