namespace InfoFunctions.Mailbox;

public enum AutoKind { None, AutoReply, Bounce }
