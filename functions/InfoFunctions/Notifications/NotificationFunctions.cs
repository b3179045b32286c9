using System.Text.Json;
using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.Notifications;

public sealed record PreferenceItem(string Template, string DisplayName, bool Mandatory, bool Enabled);
public sealed record PreferencesView(string PersonId, IReadOnlyList<PreferenceItem> Templates);
public sealed record UpdatePreferencesRequest(IReadOnlyList<string>? OptedOut);

/// <summary>The notification queue worker, the SendGrid event webhook and the endpoints around them.</summary>
public sealed class NotificationFunctions(
    NotificationProcessor processor, Authenticator auth, PreferenceStore preferences, Outbox outbox,
    DeliveryLog log, FailingAddressStore failing, EventSignatureVerifier verifier, DeliveryEventHandler events,
    TimeProvider time)
{
    /// <summary>Throws on a failed send so the host retries, then moves the message to notifications-poison.</summary>
    [Function("SendNotification")]
    public Task Send([QueueTrigger(StorageNames.Queues.Notifications)] NotificationMessage message, CancellationToken ct) =>
        processor.ProcessAsync(message, ct);

    [Function("GetNotificationPreferences"), Allow(Role.Anyone)]
    public async Task<IActionResult> GetPreferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/notifications/preferences")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req);
        if (a.Failure is not null) return a.Failure;
        return Api.Ok(await ViewAsync(a.Principal!.Id, req.HttpContext.RequestAborted));
    }

    [Function("PutNotificationPreferences"), Allow(Role.Anyone)]
    public async Task<IActionResult> PutPreferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/notifications/preferences")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req);
        if (a.Failure is not null) return a.Failure;
        var (body, error) = await Api.ReadJsonOrProblemAsync<UpdatePreferencesRequest>(req);
        if (error is not null) return error;
        var wanted = (body!.OptedOut ?? []).Select(t => t?.Trim() ?? "").ToList();
        var unknown = wanted.Where(t => !Templates.IsKnown(t)).ToList();
        if (unknown.Count > 0)
            return Api.BadRequest("unknown-template", $"没有这些通知类型：{string.Join("、", unknown)}。", unknown);
        var mandatory = wanted.Select(Templates.Find).Where(t => t!.Mandatory).Select(t => t!).ToList();
        if (mandatory.Count > 0)
            return Api.BadRequest("mandatory-notice",
                $"以下通知必须接收，不能退订：{string.Join("、", mandatory.Select(t => t.DisplayName))}。",
                mandatory.Select(t => t.Name).ToList());
        await preferences.SetOptedOutAsync(a.Principal!.Id, wanted, time.GetUtcNow(), req.HttpContext.RequestAborted);
        return Api.Ok(await ViewAsync(a.Principal.Id, req.HttpContext.RequestAborted));
    }

    [Function("ListOutbox"), Allow(Role.Admin)]
    public async Task<IActionResult> ListOutbox(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/notifications/outbox")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        return Api.Ok(await outbox.ListAsync(Take(req, 50), req.HttpContext.RequestAborted));
    }

    /// <summary>The .eml as message/rfc822 (opens in any mail client), or <c>?format=json</c>.</summary>
    [Function("GetOutboxMessage"), Allow(Role.Admin)]
    public async Task<IActionResult> GetOutboxMessage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/notifications/outbox/{id}")] HttpRequest req, string id)
    {
        var a = await auth.RequireAsync(req, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        var ct = req.HttpContext.RequestAborted;
        if (string.Equals(req.Query["format"], "json", StringComparison.OrdinalIgnoreCase))
            return await outbox.GetAsync(id, ct) is { } entry ? Api.Ok(entry) : Api.NotFound($"发件箱邮件 {id}");
        if (await outbox.GetEmlAsync(id, ct) is not { } eml) return Api.NotFound($"发件箱邮件 {id}");
        return new ApiResult(StatusCodes.Status200OK, async r =>
        {
            r.ContentType = "message/rfc822";
            await r.Body.WriteAsync(eml, ct);
        }, new Dictionary<string, string> { ["Content-Disposition"] = $"inline; filename=\"{id}.eml\"" });
    }

    [Function("GetNotificationLog"), Allow(Role.Admin | Role.Editor)]
    public async Task<IActionResult> GetLog(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/notifications/log")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Role.Admin, Role.Editor);
        if (a.Failure is not null) return a.Failure;
        return Api.Ok(await log.QueryAsync(req.Query["email"].FirstOrDefault(), req.Query["personId"].FirstOrDefault(), Take(req, 200), req.HttpContext.RequestAborted));
    }

    [Function("ListFailingAddresses"), Allow(Role.Admin)]
    public async Task<IActionResult> ListFailing(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/notifications/failing-addresses")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        return Api.Ok(await failing.ListAsync(req.HttpContext.RequestAborted));
    }

    /// <summary>SendGrid's event webhook; the signature is checked over the raw bytes before anything is parsed.</summary>
    [Function("SendGridEvents"), Public]
    public async Task<IActionResult> Events(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/notifications/events")] HttpRequest req)
    {
        var ct = req.HttpContext.RequestAborted;
        using var buffer = new MemoryStream();
        await req.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        var check = verifier.Verify(req.Headers[EventSignatureVerifier.SignatureHeader].ToString(),
            req.Headers[EventSignatureVerifier.TimestampHeader].ToString(), body);
        switch (check)
        {
            case SignatureCheck.NotConfigured:
                return Api.Problem(503, "webhook-not-configured", "未配置事件回调验签公钥（Notifications__EventWebhookPublicKey），拒绝接收事件。");
            case SignatureCheck.Missing:
                return Api.Problem(401, "signature-missing", "缺少 SendGrid 事件签名或时间戳。");
            case SignatureCheck.Stale:
                return Api.Problem(403, "stale-timestamp", "事件时间戳过旧或超前，可能是重放请求，已拒绝。");
            case SignatureCheck.Invalid:
                return Api.Problem(403, "invalid-signature", "事件签名无效，已拒绝。");
        }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException ex) { return Api.BadRequest("invalid-json", $"事件数据不是有效的 JSON：{ex.Message}"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                return Api.BadRequest("invalid-events", "事件数据应为 JSON 数组。");
            return Api.Ok(await events.ApplyAsync(doc.RootElement, ct));
        }
    }

    private async Task<PreferencesView> ViewAsync(string personId, CancellationToken ct)
    {
        var optedOut = await preferences.GetOptedOutAsync(personId, ct);
        return new PreferencesView(personId, Templates.All
            .Select(t => new PreferenceItem(t.Name, t.DisplayName, t.Mandatory, t.Mandatory || !optedOut.Contains(t.Name)))
            .ToList());
    }

    private static int Take(HttpRequest req, int fallback) =>
        int.TryParse(req.Query["take"], out var n) ? Math.Clamp(n, 1, 1000) : fallback;
}
