namespace InfoFunctions.Mailbox;

public sealed record RejectQuarantinedRequest([Text(InputRules.CommentMax, Multiline = true)] string? Reason);
