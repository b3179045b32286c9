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
        string? signature, string? timestamp, string? contentType, byte[] body, CancellationToken ct)
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
        if (contentType is not { } type || !type.Contains("json", StringComparison.OrdinalIgnoreCase))
            return Problem.Unsupported("unsupported-media-type", "事件数据须为 JSON（Content-Type: application/json）。");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException) { return Problem.Invalid("invalid-json", "事件数据不是有效的 JSON。"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                return Problem.Invalid("invalid-events", "事件数据应为 JSON 数组。");
            // Every event is checked before any is applied: a refused post leaves nothing behind.
            var errors = Check(doc.RootElement);
            if (errors.Count > 0)
                return Problem.Invalid("invalid-events", $"事件数据有误（{errors.Count} 处）：{errors[0].Message}", errors);
            return await ApplyAsync(doc.RootElement, ct);
        }
    }

    /// <summary>Longest text SendGrid puts in an event (a bounce's SMTP response is far shorter).</summary>
    public const int MaxEventText = 10_000;

    /// <summary>Fields SendGrid always writes as text.</summary>
    private static readonly HashSet<string> TextFields =
    [
        "email", "event", "sg_event_id", "sg_message_id", "smtp-id", "reason", "response", "status", "type", "ip",
        "useragent", "url", "bounce_classification", StandardHeaders.KeyArg,
    ];

    /// <summary>
    /// What SendGrid sends: objects; <c>email</c> one address; <c>event</c>, <c>sg_event_id</c> and
    /// <c>sg_message_id</c> short one-line text; <c>timestamp</c> Unix seconds within 2000–2099; its other text
    /// fields text; any text within <see cref="MaxEventText"/>, valid Unicode and free of control characters.
    /// </summary>
    public static List<FieldError> Check(JsonElement events)
    {
        var errors = new List<FieldError>();
        var i = 0;
        foreach (var ev in events.EnumerateArray())
        {
            var at = $"[{i++}]";
            if (ev.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(at, $"{at} 应为事件对象。"));
                continue;
            }
            try { CheckEvent(ev, at, errors); }
            catch (InvalidOperationException) // a property name that is not valid Unicode
            {
                errors.Add(new(at, $"{at} 含有无效的 Unicode 文本。"));
            }
        }
        return errors;
    }

    private static void CheckEvent(JsonElement ev, string at, List<FieldError> errors)
    {
        foreach (var p in ev.EnumerateObject())
        {
            var field = $"{at}.{p.Name}";
            var (max, multiline) = p.Name switch
            {
                "email" => (InputRules.EmailMax, false),
                "event" => (50, false),
                "sg_event_id" or "sg_message_id" or StandardHeaders.KeyArg => (InputRules.TitleMax, false),
                _ => (MaxEventText, true),
            };
            if (p.Name == "timestamp")
            {
                if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt64(out var secs)
                    || secs < Earliest || secs > Latest)
                    errors.Add(new(field, $"{field} 应为 2000 至 2099 年间的 Unix 秒数。"));
            }
            else if (p.Value.ValueKind == JsonValueKind.String)
            {
                if (Text(p.Value) is not { } text) errors.Add(new(field, $"{field} 含有无效的 Unicode 文本。"));
                else InputRules.Text(errors, field, text, max, multiline);
                if (p.Name == "email" && !IsAddress(Text(p.Value)))
                    errors.Add(new(field, $"{field} 不是电子邮箱地址。"));
            }
            else if (TextFields.Contains(p.Name)) errors.Add(new(field, $"{field} 应为文本。"));
            else errors.AddRange(Strings(p.Value, field));
        }
    }

    /// <summary>A JSON string, or null when it escapes an unpaired surrogate (no .NET string can hold it).</summary>
    private static string? Text(JsonElement value)
    {
        try { return value.GetString(); }
        catch (InvalidOperationException) { return null; }
    }

    private static readonly long Earliest = new DateTimeOffset(InputRules.FirstDay, TimeOnly.MinValue,
        TimeSpan.Zero).ToUnixTimeSeconds();
    private static readonly long Latest = new DateTimeOffset(InputRules.LastDay, TimeOnly.MaxValue,
        TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>Text nested in an event (categories, custom arguments).</summary>
    private static IEnumerable<FieldError> Strings(JsonElement value, string field)
    {
        var errors = new List<FieldError>();
        if (value.ValueKind == JsonValueKind.String)
        {
            if (Text(value) is { } text) InputRules.Text(errors, field, text, MaxEventText);
            else errors.Add(new(field, $"{field} 含有无效的 Unicode 文本。"));
        }
        else if (value.ValueKind == JsonValueKind.Array)
            foreach (var (item, n) in value.EnumerateArray().Select((x, n) => (x, n)))
                errors.AddRange(Strings(item, $"{field}[{n}]"));
        else if (value.ValueKind == JsonValueKind.Object)
            foreach (var p in value.EnumerateObject()) errors.AddRange(Strings(p.Value, $"{field}.{p.Name}"));
        return errors;
    }

    /// <summary>A bare address; it keys the delivery log and the failing list, so no key-breaking characters.</summary>
    private static bool IsAddress(string? email) =>
        MailAddresses.IsValid(email) && email!.IndexOfAny(['<', '/', '\\', '#', '?']) < 0;

    /// <summary>
    /// Applies checked events. An event carrying an <c>sg_event_id</c> already applied (a replayed or retried
    /// post) is skipped.
    /// </summary>
    public async Task<EventsApplied> ApplyAsync(JsonElement events, CancellationToken ct)
    {
        if (events.ValueKind != JsonValueKind.Array) throw new FormatException("事件数据应为 JSON 数组。");
        int received = 0, matched = 0, marked = 0, replayed = 0;
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
            var eventId = Str(ev, "sg_event_id");
            if (eventId is not null && await log.SeenEventAsync(eventId, ct))
            {
                replayed++;
                continue;
            }
            var reason = Str(ev, "reason") ?? Str(ev, "response") ?? Str(ev, "status");
            var at = ev.TryGetProperty("timestamp", out var ts)
                && ts.TryGetInt64(out var secs) ? DateTimeOffset.FromUnixTimeSeconds(secs) : time.GetUtcNow();

            if (Str(ev, StandardHeaders.KeyArg) is { } key
                && await log.ApplyEventAsync(email, DeliveryKeys.Hash(key), status, name, reason, at, time.GetUtcNow(),
                    ct))
                matched++;

            if (status is DeliveryStatus.Bounced or DeliveryStatus.Dropped)
            {
                await failing.MarkAsync(email, name, reason, at, eventId, ct);
                marked++;
                logger.LogWarning("邮箱 {Email} 投递失败（{Event}）：{Reason}", email, name, reason);
            }
            else if (status == DeliveryStatus.Delivered)
            {
                await failing.ClearAsync(email, ct);
            }
            if (eventId is not null) await log.MarkEventAsync(eventId, time.GetUtcNow(), ct);
        }
        return new EventsApplied(received, matched, marked, replayed);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            && v.GetString() is { Length: > 0 } s ? s : null;
}
