using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Azure.Storage.Queues;
using InfoFunctions.Platform;

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

/// <summary>Exactly one of: a person, a plain address, or everyone with a role (optionally within a unit).</summary>
public sealed record NotificationTo(string? PersonId = null, string? Email = null, string? Role = null, string? UnitId = null)
{
    public static NotificationTo Person(string personId) => new(PersonId: personId);
    public static NotificationTo Address(string email) => new(Email: email);
    public static NotificationTo RoleIn(Identity.Role role, string? unitId = null) => new(Role: Identity.Roles.Name(role), UnitId: unitId);

    [JsonIgnore]
    public string Describe => PersonId is not null ? $"person:{PersonId}" : Email is not null ? $"email:{Email}" : $"role:{Role}@{UnitId ?? "*"}";

    public IReadOnlyList<string> Validate()
    {
        var forms = new[] { !string.IsNullOrWhiteSpace(PersonId), !string.IsNullOrWhiteSpace(Email), !string.IsNullOrWhiteSpace(Role) }.Count(x => x);
        if (forms != 1) return ["收件人须且只能是以下之一：人员（personId）、邮箱（email）、角色（role，可加 unitId）。"];
        if (Email is not null && !MailAddresses.IsValid(Email)) return [$"收件邮箱格式不正确：{Email}。"];
        if (UnitId is not null && Role is null) return ["unitId 只能与 role 一起使用。"];
        return [];
    }
}

/// <summary>The producer every feature injects: validates and enqueues.</summary>
public sealed class NotificationQueue(QueueServiceClient queues)
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.Queues.Notifications);

    public async Task EnqueueAsync(NotificationMessage message, CancellationToken ct = default)
    {
        var errors = message.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("通知消息无效：" + string.Join(" ", errors), nameof(message));
        await _queue.SendMessageAsync(Json.Serialize(message), ct);
    }
}

public static class MailAddresses
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>A single mailbox, bare or with a display name ("张三 &lt;zhang@example.org&gt;").</summary>
    public static bool IsValid(string? email) =>
        !string.IsNullOrWhiteSpace(email) && MimeKit.MailboxAddress.TryParse(email.Trim(), out var m)
        && m.Address.IndexOf('@') is > 0 and var at && at < m.Address.Length - 1 && !m.Address.Any(char.IsWhiteSpace);
}
