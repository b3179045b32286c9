namespace InfoFunctions.Review;

public sealed record PoisonQueue(string Queue, int Count, IReadOnlyList<PoisonMessage> Messages);
