namespace InfoFunctions.Mailbox;

public sealed record RejectQuarantinedRequest(string? Reason);
