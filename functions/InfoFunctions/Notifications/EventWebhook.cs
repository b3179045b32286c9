using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoFunctions.Notifications;

public enum SignatureCheck { Valid, NotConfigured, Missing, Stale, Invalid }

/// <summary>
/// SendGrid's signed event webhook: an ECDSA P-256 / SHA-256 signature (base64 DER) over the
/// timestamp header followed by the raw body, checked with the public key from the SendGrid console.
/// </summary>
public sealed class EventSignatureVerifier(IOptions<NotificationOptions> options, TimeProvider time)
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    public SignatureCheck Verify(string? signature, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(options.Value.EventWebhookPublicKey)) return SignatureCheck.NotConfigured;
        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp)) return SignatureCheck.Missing;
        if (!long.TryParse(timestamp, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)) return SignatureCheck.Invalid;

        // Refuse old (and far-future) timestamps so a captured request cannot be replayed.
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(epoch, 0, 253402300799));
        if (age.Duration() > TimeSpan.FromMinutes(options.Value.EventWebhookMaxAgeMinutes)) return SignatureCheck.Stale;

        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(options.Value.EventWebhookPublicKey.Trim()), out _);
            var payload = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
            var n = Encoding.UTF8.GetBytes(timestamp, payload);
            body.CopyTo(payload.AsSpan(n));
            return ecdsa.VerifyData(payload, Convert.FromBase64String(signature.Trim()), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
                ? SignatureCheck.Valid
                : SignatureCheck.Invalid;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return SignatureCheck.Invalid;
        }
    }
}

public sealed record EventsApplied(int Received, int Matched, int FailingMarked);

/// <summary>Applies delivered / deferred / bounce / dropped events to the delivery log and the failing-address list.</summary>
public sealed class DeliveryEventHandler(DeliveryLog log, FailingAddressStore failing, TimeProvider time, ILogger<DeliveryEventHandler> logger)
{
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
            var at = ev.TryGetProperty("timestamp", out var ts) && ts.TryGetInt64(out var secs) ? DateTimeOffset.FromUnixTimeSeconds(secs) : time.GetUtcNow();

            if (Str(ev, StandardHeaders.KeyArg) is { } key
                && await log.ApplyEventAsync(email, DeliveryKeys.Hash(key), status, name, reason, at, time.GetUtcNow(), ct))
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
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
}
