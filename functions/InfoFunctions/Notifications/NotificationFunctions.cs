namespace InfoFunctions.Notifications;

/// <summary>
/// Delivery: the notification queue worker, and SendGrid's event webhook telling what became of each mail.
/// </summary>
public sealed class NotificationFunctions(NotificationProcessor processor, DeliveryEventHandler events)
{
    /// <summary>A signed SendGrid events post is at most this large.</summary>
    public const long MaxEventBytes = 16 * 1024 * 1024;

    /// <summary>Throws on a failed send so the host retries, then moves the message to notifications-poison.</summary>
    [Function("SendNotification")]
    public Task Send([QueueTrigger(StorageNames.Queues.Notifications)] NotificationMessage message,
        CancellationToken ct) =>
        processor.ProcessAsync(message, ct);

    [Function("SendGridEvents"), Public]
    public async Task<IActionResult> Events(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/notifications/events")] HttpRequest req,
        CancellationToken ct) =>
        Api.Ok(await Api.ReadBodyAsync(req, MaxEventBytes).ThenAsync(body => events.ReceiveAsync(
            req.Headers[SendGridSignature.SignatureHeader], req.Headers[SendGridSignature.TimestampHeader],
            req.ContentType, body, ct)));
}
