namespace InfoFunctions.Submissions;

/// <summary>
/// Removes the files put through upload links and never confirmed (or written again after confirm) once their
/// link has expired. Infra's lifecycle rule on the <c>uploads</c> container is the backstop.
/// </summary>
public sealed class UploadCleanupFunction(
    AttachmentStore attachments, TimeProvider time, ILogger<UploadCleanupFunction> log)
{
    /// <summary>A write begun just before its link expired may still be finishing.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    [Function("RemoveExpiredUploads")]
    public async Task Run(
        [TimerTrigger("%Submissions__UploadCleanupSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        var removed = await attachments.RemoveStagedBeforeAsync(time.GetUtcNow() - Grace, ct);
        if (removed > 0) log.LogInformation("Removed {Count} unconfirmed uploads whose link expired", removed);
    }
}
