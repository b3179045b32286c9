namespace InfoFunctions.Mailbox;

public enum MailStatus { Received, Processing, Accepted, Quarantined, Rejected, Duplicate, AutoReply, Bounce, Unusable }
