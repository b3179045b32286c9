namespace InfoFunctions.Dispatch;

/// <summary>How an addressee of a commissioned topic (约稿) stands.</summary>
public enum TopicStatus { Open, Accepted, Declined, Fulfilled, Overdue }
