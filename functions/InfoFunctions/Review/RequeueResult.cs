namespace InfoFunctions.Review;

public sealed record RequeueResult(string Queue, int Requeued);
