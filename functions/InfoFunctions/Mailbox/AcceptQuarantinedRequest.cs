namespace InfoFunctions.Mailbox;

public sealed record AcceptQuarantinedRequest(string? PersonId);
