namespace InfoFunctions.Dispatch;

/// <summary>What an addressee answered.</summary>
public enum TopicResponse { Pending, Accepted, Declined }
