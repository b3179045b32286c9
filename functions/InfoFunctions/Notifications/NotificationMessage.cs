using System.Text.Json.Nodes;

namespace InfoFunctions.Notifications;

/// <summary>
/// One notice to send, as every feature writes it to the <c>notifications</c> queue.
/// <paramref name="IdempotencyKey"/> names the event, not the attempt (e.g. <c>receipt:XX-2025-0001</c>):
/// the same key never sends twice to the same address.
/// </summary>
public sealed record NotificationMessage(string IdempotencyKey, string Template, NotificationTo To, JsonObject Data)
{
    /// <summary>Builds a message with <paramref name="data"/> serialised camelCase, as the templates name it.</summary>
    public static NotificationMessage Create(string idempotencyKey, string template, NotificationTo to, object data) =>
        new(idempotencyKey, template, to,
            data as JsonObject ?? JsonSerializer.SerializeToNode(data, Json.Options) as JsonObject
            ?? throw new ArgumentException("模板数据须为对象。", nameof(data)));

    /// <summary>Problems in Chinese; empty when the message can be sent.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(IdempotencyKey)) errors.Add("缺少幂等键（idempotencyKey）。");
        else if (IdempotencyKey.Length > 400) errors.Add("幂等键（idempotencyKey）过长，最多 400 个字符。");
        if (!Templates.IsKnown(Template)) errors.Add($"未知的通知模板：{Template}。");
        if (To is null) errors.Add("缺少收件人（to）。");
        else errors.AddRange(To.Validate());
        if (Data is null) errors.Add("缺少模板数据（data）。");
        return errors;
    }
}
