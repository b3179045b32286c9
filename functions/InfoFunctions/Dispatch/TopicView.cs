namespace InfoFunctions.Dispatch;

/// <summary>A topic with each addressee's standing.</summary>
public sealed record TopicView(Topic Topic, DateTimeOffset Deadline, IReadOnlyList<AddresseeView> Addressees);
