using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>The review-intake queue: checks, near-duplicates, assignment (see <see cref="IntakeProcessor"/>).</summary>
public sealed class ReviewIntakeFunction(IntakeProcessor processor)
{
    [Function("ReviewIntake")]
    public Task Run([QueueTrigger(StorageNames.Queues.Review)] ReviewIntakeMessage message, CancellationToken ct) =>
        processor.ProcessAsync(message, ct);
}
