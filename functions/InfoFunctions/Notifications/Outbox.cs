using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MimeKit;

namespace InfoFunctions.Notifications;

/// <summary>
/// The local default sender: each email becomes a real .eml (MimeKit, UTF-8, Chinese subject as
/// encoded-words; the SMTP sender sends this same MIME) plus its JSON in the <c>outbox</c> container at
/// <c>yyyy/MM/dd/&lt;id&gt;</c>,
/// so a newcomer sees exactly what would have been sent.
/// </summary>
public sealed partial class Outbox(BlobServiceClient blobs, TimeProvider time) : IEmailSender
{
    public const string SenderName = "outbox";
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.Containers.Outbox);

    public string Name => SenderName;

    [GeneratedRegex(@"^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})-\d{6}-[0-9a-f]{12}$")]
    private static partial Regex IdPattern();

    public static MimeMessage ToMime(OutgoingEmail email, DateTimeOffset date, string id)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(email.FromName, email.FromEmail));
        message.To.Add(new MailboxAddress(email.ToName, email.ToEmail));
        message.Subject = email.Subject;
        message.Date = date;
        var domain = email.FromEmail.Split('@').LastOrDefault() is { Length: > 0 } d ? d : "localhost";
        message.MessageId = email.MessageId ?? $"{id}@{domain}";
        foreach (var (name, value) in email.Headers)
            message.Headers.Add(name, value);
        var body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html };
        foreach (var a in email.Attachments ?? [])
            body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        message.Body = body.ToMessageBody();
        foreach (var part in message.BodyParts.OfType<TextPart>().Where(p => !p.IsAttachment))
            part.ContentType.Charset = "utf-8";
        return message;
    }

    public async Task<SendReceipt> SendAsync(OutgoingEmail email, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var id = $"{now:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}"[..28];
        var folder = $"{now:yyyy}/{now:MM}/{now:dd}";
        var mime = ToMime(email, now, id);
        using (var eml = new MemoryStream())
        {
            await mime.WriteToAsync(FormatOptions.Default, eml, ct);
            eml.Position = 0;
            await _container.GetBlobClient($"{folder}/{id}.eml").UploadAsync(eml,
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "message/rfc822" } }, ct);
        }
        var entry = new OutboxEntry(id, now, email.FromEmail, email.ToEmail, email.ToName, email.Subject,
            email.Template,
            email.IdempotencyKey, email.Headers, email.CustomArgs, email.Text, email.Html, $"{folder}/{id}.eml",
            mime.MessageId);
        await _container.GetBlobClient($"{folder}/{id}.json").UploadAsync(
            BinaryData.FromString(Json.Serialize(entry)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = Api.JsonContentType } }, ct);
        return new SendReceipt(SenderName, id);
    }

    /// <summary>Newest first. Names sort by time because the path and id start with the date.</summary>
    public async Task<IReadOnlyList<OutboxSummary>> ListAsync(int take, CancellationToken ct)
    {
        var names = new List<string>();
        try
        {
            await foreach (var blob in _container.GetBlobsAsync(cancellationToken: ct))
                if (blob.Name.EndsWith(".json", StringComparison.Ordinal)) names.Add(blob.Name);
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { return []; }
        var result = new List<OutboxSummary>();
        foreach (var name in names.OrderByDescending(n => n, StringComparer.Ordinal).Take(take))
        {
            var e = await ReadEntryAsync(name, ct);
            if (e is not null) result.Add(new OutboxSummary(e.Id, e.CreatedAt, e.To, e.Subject, e.Template,
                e.IdempotencyKey));
        }
        return result;
    }

    public async Task<OutboxEntry?> GetAsync(string id, CancellationToken ct) =>
        PathOf(id) is { } path ? await ReadEntryAsync(path + ".json", ct) : null;

    public async Task<byte[]?> GetEmlAsync(string id, CancellationToken ct)
    {
        if (PathOf(id) is not { } path) return null;
        try { return (await _container.GetBlobClient(path + ".eml").DownloadContentAsync(ct)).Value.Content.ToArray(); }
        catch (RequestFailedException ex) when (ex.Status == 404) { return null; }
    }

    public async Task<Result<OutboxEntry>> FindAsync(string id, CancellationToken ct) =>
        await GetAsync(id, ct) is { } entry ? entry : Problem.NotFound($"发件箱邮件 {id}");

    /// <summary>The .eml as <c>message/rfc822</c>, shown inline so a browser hands it to the mail client.</summary>
    public async Task<Result<FileDownload>> FindEmlAsync(string id, CancellationToken ct) =>
        await GetEmlAsync(id, ct) is { } eml
            ? new FileDownload(eml, "message/rfc822", $"{id}.eml") { Inline = true }
            : Problem.NotFound($"发件箱邮件 {id}");

    private static string? PathOf(string id) =>
        IdPattern().Match(id) is { Success: true } m
            ? $"{m.Groups["y"].Value}/{m.Groups["m"].Value}/{m.Groups["d"].Value}/{id}" : null;

    private async Task<OutboxEntry?> ReadEntryAsync(string name, CancellationToken ct)
    {
        try
        {
            var content = (await _container.GetBlobClient(name).DownloadContentAsync(ct)).Value.Content;
            return JsonSerializer.Deserialize<OutboxEntry>(Encoding.UTF8.GetString(content.ToArray()), Json.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { return null; }
    }
}
