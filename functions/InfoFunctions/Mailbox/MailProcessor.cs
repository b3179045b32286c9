using Azure.Storage.Blobs;
using InfoFunctions.Submissions;
using MimeKit;

namespace InfoFunctions.Mailbox;

/// <summary>
/// Parses one stored mail and acts on it: duplicates and auto-replies are recorded and dropped,
/// unknown senders are quarantined, known senders' mail becomes a report (its receipt follows from review intake).
/// Every step can be repeated: the queue delivers at least once.
/// </summary>
public sealed class MailProcessor(
    MailStore mail, BlobServiceClient blobs, IPersonLookup people, IntakeService intake, TrackingNumbers numbers,
    MailRevisions revisions,
    AttachmentStore attachments, IOptions<MailboxOptions> options, IOptions<SubmissionsOptions> limits,
    TimeProvider time, ILogger<MailProcessor> log)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.Containers.Mail);

    private static readonly MailStatus[] Final = [MailStatus.Accepted, MailStatus.Quarantined, MailStatus.Rejected,
        MailStatus.Duplicate, MailStatus.AutoReply, MailStatus.Bounce, MailStatus.Unusable, MailStatus.Revised];

    public async Task ProcessAsync(InboundMailMessage msg, CancellationToken ct)
    {
        var record = await mail.GetAsync(msg.MailId, ct)
            ?? new MailRecord(msg.MailId, MailStatus.Received, null, null, null, null, msg.RawSha256, msg.BlobName,
                msg.ReceivedAt, null, null, null, null, null);
        if (Final.Contains(record.Status)) return;

        // Same bytes delivered again (SendGrid retries): nothing new.
        var holder = await mail.ClaimAsync("raw-" + msg.RawSha256, msg.MailId, ct);
        if (holder != msg.MailId)
        {
            await mail.SaveAsync(record with
            {
                Status = MailStatus.Duplicate,
                DuplicateOf = await mail.OriginalOfAsync(holder, ct),
                Note = "与先前收到的邮件内容完全相同。"
            }, ct);
            return;
        }

        await using var file = await DownloadAsync(msg.BlobName, ct);
        MimeMessage message;
        try { message = await MailParser.LoadAsync(file, ct); }
        catch (FormatException)
        {
            await QuarantineAsync(record, msg, null, "邮件格式无法解析（不是有效的 MIME 邮件）。", ct);
            return;
        }
        var parsed = MailParser.Parse(message, msg.EnvelopeFrom);
        record = record with
        {
            From = parsed.FromAddress,
            FromName = parsed.FromName,
            Subject = parsed.Subject,
            MessageId = parsed.MessageId
        };

        // The same message sent to the same mailbox again (e.g. re-sent by the client): nothing new.
        if (!string.IsNullOrWhiteSpace(parsed.MessageId))
        {
            var recipient = msg.EnvelopeTo.FirstOrDefault(t =>
                t.Equals(options.Value.Recipient, StringComparison.OrdinalIgnoreCase))
                ?? msg.EnvelopeTo.FirstOrDefault() ?? options.Value.Recipient;
            var key = "mid-" + MailParser.Hash(parsed.MessageId.Trim() + "|" + recipient.Trim().ToLowerInvariant());
            holder = await mail.ClaimAsync(key, msg.MailId, ct);
            if (holder != msg.MailId)
            {
                await mail.SaveAsync(record with
                {
                    Status = MailStatus.Duplicate,
                    DuplicateOf = holder,
                    Note = "同一邮件（Message-ID 相同）重复投递。"
                }, ct);
                return;
            }
        }

        if (parsed.Auto != AutoKind.None)
        {
            await mail.SaveAsync(record with
            {
                Status = parsed.Auto == AutoKind.Bounce ? MailStatus.Bounce
                : MailStatus.AutoReply,
                Note = "自动回复或退信，已保存，不回执。"
            }, ct);
            return;
        }

        if (MailLimits.Check(message, parsed) is { } over)
        {
            await QuarantineAsync(record, msg, parsed, over, ct);
            return;
        }

        var person = parsed.FromAddress is { } address ? await people.FindByEmailAsync(address, ct) : null;
        if (await revisions.TryReviseAsync(msg.MailId, message, parsed, person, ct) is { } reply)
        {
            // A quarantined reply names its report in the reason; accepting it makes a report of its own.
            if (reply.Quarantine is { } why) await QuarantineAsync(record, msg, parsed, why, ct);
            else await mail.SaveAsync(record with
            {
                Status = MailStatus.Revised,
                PersonId = person!.Id,
                ReportId = reply.Report.Id,
                TrackingNumber = reply.Report.TrackingNumber,
                Note = "作者回复通知邮件，已作为修改稿重报。"
            }, ct);
            return;
        }
        if (person is not { Active: true })
        {
            await QuarantineAsync(record, msg, parsed, "发件人未登记，待编辑确认。", ct);
            return;
        }

        await CreateReportAsync(record, parsed, person, person.Id, ct);
    }

    private async Task QuarantineAsync(MailRecord record, InboundMailMessage msg, ParsedMail? parsed, string reason,
        CancellationToken ct)
    {
        var body = parsed?.Body ?? "";
        await mail.QuarantineAsync(new QuarantineItem(msg.MailId, parsed?.FromAddress ?? "（无发件人）", parsed?.FromName,
            parsed?.Title ?? "（无法解析）", body.Length > 300 ? body[..300] + "…" : body,
            parsed?.Attachments.Select(a => a.Name).ToList() ?? [], msg.ReceivedAt, reason), ct);
        await mail.SaveAsync(record with { Status = MailStatus.Quarantined, Note = reason }, ct);
        log.LogInformation("邮件 {MailId}（{From}）已隔离：{Reason}", msg.MailId, parsed?.FromAddress, reason);
    }

    /// <summary>
    /// Accepts a quarantined mail on behalf of a known person: the report is created as if they had sent it.
    /// </summary>
    public async Task<Result<Report>> AcceptQuarantinedAsync(string mailId, string? personId, string editorId,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(personId)) return Problem.Invalid("person-required", "请指定这封邮件归属的人员（personId）。");
        if (await mail.GetQuarantinedAsync(mailId, ct) is null) return Problem.NotFound($"待确认邮件 {mailId}");
        if (await people.FindByIdAsync(personId, ct) is not { Active: true } person)
            return Problem.NotFound($"人员 {personId}") with
            {
                Code = "person-not-found",
                Detail = $"人员 {personId} 不存在或已停用。"
            };
        if (await mail.GetAsync(mailId, ct) is not { } record) return Problem.NotFound($"邮件 {mailId}");
        await using var file = await DownloadAsync(record.BlobName, ct);
        var parsed = MailParser.Parse(await MailParser.LoadAsync(file, ct));
        var report = await CreateReportAsync(record, parsed, person, editorId, ct);
        await mail.ReleaseQuarantineAsync(mailId, ct);
        return report;
    }

    public async Task<Result> RejectQuarantinedAsync(string mailId, string editorId, string? reason,
        CancellationToken ct)
    {
        var record = await mail.GetAsync(mailId, ct);
        if (record is null || await mail.GetQuarantinedAsync(mailId,
            ct) is null) return Problem.NotFound($"待确认邮件 {mailId}");
        await mail.SaveAsync(record with { Status = MailStatus.Rejected, Note = $"{editorId} 拒收：{reason ?? "未说明原因"}" },
            ct);
        await mail.ReleaseQuarantineAsync(mailId, ct);
        return Result.Ok;
    }

    private async Task<Report> CreateReportAsync(MailRecord record, ParsedMail parsed, PersonIdentity person,
        string submittedBy, CancellationToken ct)
    {
        // Id and number are fixed before anything is written, so a retry reuses them.
        if (record.ReportId is null || record.TrackingNumber is null)
        {
            record = record with
            {
                Status = MailStatus.Processing,
                PersonId = person.Id,
                ReportId = ReportIds.New(person.UnitId, time.GetUtcNow()),
                TrackingNumber = await numbers.NextAsync(ct),
            };
            await mail.SaveAsync(record, ct);
        }

        var stored = new List<Attachment>();
        var skipped = new List<string>();
        long total = 0;
        foreach (var a in parsed.Attachments)
        {
            if (stored.Count >= limits.Value.MaxFiles)
            {
                skipped.Add($"{a.Name}（超过 {limits.Value.MaxFiles} 个附件）");
                continue;
            }
            if (a.Part.Content is null) continue;
            await using var content = a.Part.Content.Open(); // decodes base64/QP as it is read
            var attachment = await attachments.UploadAsync(record.ReportId!, a.Name, content,
                limits.Value.MaxReportBytes - total, ct);
            if (!attachment.IsOk) { skipped.Add($"{a.Name}（{attachment.Problem!.Detail}）"); continue; }
            stored.Add(attachment.Value);
            total += attachment.Value.Size;
        }

        var note = skipped.Count > 0 ? "未保存的附件：" + string.Join("；", skipped) : null;
        var draft = new ReportDraft(person.UnitId, parsed.Title, parsed.Body, parsed.Category,
            [new ReportAuthor(person.Id, person.Name, null, false)], null, Channel.Email);
        var report = (await intake.CreateAsync(record.ReportId!, draft, stored, submittedBy, record.TrackingNumber,
            record.MailId, note, ct: ct)).Value.Report;

        await mail.SaveAsync(record with { Status = MailStatus.Accepted, PersonId = person.Id, Note = note }, ct);
        return report;
    }

    /// <summary>
    /// Copies the raw mail to a temporary file and parses from there: MimeKit then keeps only
    /// offsets into the file, so a 25 MB mail is not held in memory.
    /// </summary>
    private async Task<FileStream> DownloadAsync(string blobName, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), "infofunctions-mail-" + Guid.NewGuid().ToString("N") + ".eml");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await _container.GetBlobClient(blobName).DownloadToAsync(file, ct);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
