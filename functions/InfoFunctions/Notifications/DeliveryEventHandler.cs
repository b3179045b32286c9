using System.Text.Json;
using InfoFunctions.Platform;
using Microsoft.Extensions.Logging;

namespace InfoFunctions.Notifications;

/// <summary>
/// Applies delivered / deferred / bounce / dropped events to the delivery log and the failing-address list.
/// </summary>
public sealed class DeliveryEventHandler(
    EventSignatureVerifier signatures, DeliveryLog log, FailingAddressStore failing, TimeProvider time,
    ILogger<DeliveryEventHandler> logger)
{
    /// <summary>
    /// A signed post from SendGrid's event webhook: the signature is checked over the raw bytes before anything is
    /// parsed; without a configured key every post is refused (503), so events are never taken on trust.
    /// </summary>
    public async Task<Result<EventsApplied>> ReceiveAsync(
        string? signature, string? timestamp, byte[] body, CancellationToken ct)
    {
        switch (signatures.Verify(signature, timestamp, body))
        {
            case SignatureCheck.NotConfigured:
                return new Problem(ProblemKind.Unavailable, "webhook-not-configured",
                    "未配置事件回调验签公钥（Notifications__EventWebhookPublicKey），拒绝接收事件。");
            case SignatureCheck.Missing:
                return new Problem(ProblemKind.Unauthenticated, "signature-missing", "缺少 SendGrid 事件签名或时间戳。");
            case SignatureCheck.Stale:
                return Problem.Forbidden("事件时间戳过旧或超前，可能是重放请求，已拒绝。") with { Code = "stale-timestamp" };
            case SignatureCheck.Invalid:
                return Problem.Forbidden("事件签名无效，已拒绝。") with { Code = "invalid-signature" };
        }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException ex) { return Problem.Invalid("invalid-json", $"事件数据不是有效的 JSON：{ex.Message}"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                return Problem.Invalid("invalid-events", "事件数据应为 JSON 数组。");
            return await ApplyAsync(doc.RootElement, ct);
        }
    }

    public async Task<EventsApplied> ApplyAsync(JsonElement events, CancellationToken ct)
    {
        if (events.ValueKind != JsonValueKind.Array) throw new FormatException("事件数据应为 JSON 数组。");
        int received = 0, matched = 0, marked = 0;
        foreach (var ev in events.EnumerateArray())
        {
            received++;
            var email = Str(ev, "email");
            var name = Str(ev, "event");
            if (email is null || name is null) continue;
            var status = name switch
            {
                "delivered" => DeliveryStatus.Delivered,
                "deferred" => DeliveryStatus.Deferred,
                "bounce" => DeliveryStatus.Bounced,
                "dropped" => DeliveryStatus.Dropped,
                "processed" => DeliveryStatus.Sent,
                _ => null, // open, click, spamreport, unsubscribe…: not delivery states.
            };
            if (status is null) continue;
            var reason = Str(ev, "reason") ?? Str(ev, "response") ?? Str(ev, "status");
            var at = ev.TryGetProperty("timestamp", out var ts)
                && ts.TryGetInt64(out var secs) ? DateTimeOffset.FromUnixTimeSeconds(secs) : time.GetUtcNow();

            if (Str(ev, StandardHeaders.KeyArg) is { } key
                && await log.ApplyEventAsync(email, DeliveryKeys.Hash(key), status, name, reason, at, time.GetUtcNow(),
                    ct))
                matched++;

            if (status is DeliveryStatus.Bounced or DeliveryStatus.Dropped)
            {
                await failing.MarkAsync(email, name, reason, at, ct);
                marked++;
                logger.LogWarning("邮箱 {Email} 投递失败（{Event}）：{Reason}", email, name, reason);
            }
            else if (status == DeliveryStatus.Delivered)
            {
                await failing.ClearAsync(email, ct);
            }
        }
        return new EventsApplied(received, matched, marked);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            && v.GetString() is { Length: > 0 } s ? s : null;
}
