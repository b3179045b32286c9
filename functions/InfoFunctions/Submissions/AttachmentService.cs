using System.Security.Cryptography;

namespace InfoFunctions.Submissions;

/// <summary>
/// Large files straight to Blob Storage through short-lived upload links to a staging blob, checked and copied to
/// the report when the client confirms them (a person holds at most <see cref="SubmissionsOptions.MaxOpenUploads"/>
/// links open); short-lived download links. The caller's access to the report is checked by
/// <see cref="ReportService"/>.
/// </summary>
public sealed class AttachmentService(
    ReportStore reports, AttachmentStore attachments, OpenUploads open, IOptions<SubmissionsOptions> options,
    TimeProvider time)
{
    private const int CommitAttempts = 6;
    private SubmissionsOptions Limits => options.Value;

    public async Task<Result<UploadTicket>> RequestUploadAsync(
        Principal who, Report report, UploadRequest body, CancellationToken ct)
    {
        // Not the name of a file already there, nor of one whose link is still open: confirming must not overwrite.
        var taken = report.Attachments.Select(x => x.Name)
            .Concat(await reports.PendingUploadNamesAsync(report.Id, time.GetUtcNow(), ct))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var name = FileNames.Unique(FileNames.Clean(body.FileName), taken);
        if (string.IsNullOrWhiteSpace(body.FileName)) return Problem.Invalid("file-name-required", "请提供文件名（fileName）。");
        if (body.Size is < 1) return Problem.Field("size", "size 应为文件的字节数（正整数），不知道时可省略。");
        if (!ContentSniffer.Allowed.ContainsKey(FileNames.Extension(name))) return ContentSniffer.NotAllowed(name);
        if (report.Attachments.Count >= Limits.MaxFiles)
            return Problem.TooLarge("too-many-files", $"附件最多 {Limits.MaxFiles} 个。");
        if (body.Size > Limits.MaxFileBytes)
            return Problem.TooLarge("file-too-large",
                $"文件“{name}”超过单个文件大小上限 {ByteSize.Text(Limits.MaxFileBytes)}。");
        if (report.Attachments.Sum(x => x.Size) + (body.Size ?? 0) > Limits.MaxReportBytes)
            return Problem.TooLarge("report-too-large", $"稿件附件总大小超过上限 {ByteSize.Text(Limits.MaxReportBytes)}。");

        var uploadId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var now = time.GetUtcNow();
        var expires = now.AddMinutes(Limits.LinkMinutes);
        if (await open.TakeAsync(who.Id, uploadId, expires, Limits.MaxOpenUploads, ct) is { } freeAt)
            return TooManyOpen(freeAt - now);
        var staging = AttachmentStore.StagingName(expires, report.Id, uploadId);
        await reports.AddPendingUploadAsync(report.Id, uploadId, name, expires, staging, who.Id, ct);
        var url = await attachments.UploadLinkAsync(staging, expires, ct);
        var path = UploadTicket.PathOf(report.Id, uploadId);
        return new UploadTicket(uploadId, name, url, "PUT",
            new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob" }, expires, path + "/confirm");
    }

    private Problem TooManyOpen(TimeSpan wait) =>
        new(ProblemKind.Throttled, "too-many-open-uploads",
            $"您已有 {Limits.MaxOpenUploads} 个上传链接尚未确认（每人最多 {Limits.MaxOpenUploads} 个）。"
            + $"请先上传并确认这些文件，或约 {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} 分钟后链接过期再申请。")
        { RetryAfter = wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1) };

    /// <summary>
    /// Checks the uploaded file while copying it from its staging blob to the attachment's name, adds it to the
    /// report with an <c>attachment-added</c> event, then deletes the staging blob and frees the link's place.
    /// Another change of the report meanwhile is retried on the fresh report; confirming twice answers with the
    /// report as it is.
    /// </summary>
    public async Task<Result<Report>> ConfirmUploadAsync(
        Principal who, Versioned<Report> found, string uploadId, CancellationToken ct)
    {
        var (report, etag) = (found.Value, new Azure.ETag(found.ETag));
        var pending = await reports.GetPendingUploadAsync(report.Id, uploadId, ct);
        if (pending is null)
            return report.Attachments.Count > 0 ? report : Problem.NotFound($"上传 {uploadId}");
        if (pending.Staging is null) // a link made before uploads were staged: it has expired by now
            return Problem.Conflict("upload-expired", "该上传链接已失效，请重新申请上传链接。");
        var checkedFile = await attachments.ConfirmAsync(report.Id, pending.Name, pending.Staging,
            Limits.MaxReportBytes - report.Attachments.Sum(x => x.Size), uploadId, ct);
        if (!checkedFile.IsOk) return checkedFile.Problem!;

        for (var attempt = 1; ; attempt++)
        {
            var ev = new ReportEvent(report.Id, await reports.NextSequenceAsync(report, ct), "attachment-added",
                who.Id, time.GetUtcNow(), pending.Name);
            var updated = report with { Attachments = [.. report.Attachments, checkedFile.Value] };
            if (await reports.CommitAsync(updated, etag, ev, deleteRowKey: pending.RowKey, ct: ct) is not null) break;
            if (await reports.GetAsync(report.Id, ct) is not { } fresh) return Problem.NotFound($"稿件 {report.Id}");
            (report, etag) = fresh;
            if (report.Attachments.Any(x => x.Name == pending.Name)) break;
            if (attempt == CommitAttempts)
                return Problem.Conflict("report-busy", "稿件正被频繁修改，附件未能添加；请稍后再确认上传。");
        }
        await attachments.DeleteStagingAsync(pending.Staging);
        if (pending.By is { } holder) await open.ReleaseAsync(holder, uploadId, ct);
        return (await reports.GetAsync(report.Id, ct))!.Value.Report;
    }

    public async Task<Result<AttachmentLink>> LinkAsync(Report report, string name, CancellationToken ct)
    {
        if (report.Attachments.FirstOrDefault(x => x.Name == name) is not { } attachment)
            return Problem.NotFound($"附件“{name}”");
        var expires = time.GetUtcNow().AddMinutes(Limits.LinkMinutes);
        var url = await attachments.ReadLinkAsync(report.Id, attachment.Name, attachment.ContentType, expires, ct);
        return new AttachmentLink(attachment.Name, url, expires);
    }
}
