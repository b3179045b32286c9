namespace InfoFunctions.Review;

public sealed record PoisonMessage(string MessageId, long DequeueCount, DateTimeOffset? InsertedOn, string Text);
