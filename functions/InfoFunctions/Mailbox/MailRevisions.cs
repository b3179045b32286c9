using InfoFunctions.Notifications;
using InfoFunctions.Review;
using InfoFunctions.Submissions;
using MimeKit;

namespace InfoFunctions.Mailbox;

/// <summary>
/// The loop by mail: a reply to a notice about a report (In-Reply-To or References naming the notice's
/// Message-ID, see <see cref="NoticeIds"/>; or a reply subject naming the tracking number) is the author's revision.
/// Its own text (without the quoted original, or a Word file's text when the reply is only a note) becomes the
/// next version, its attachments are added, and the report is resubmitted — back into review. A reply from anyone
/// but an author, or about a report that is not waiting for the author, is quarantined with the reason.
/// </summary>
public sealed class MailRevisions(
    ReportStore reports, ReviewService review, AttachmentStore attachments, IOptions<SubmissionsOptions> limits)
{
    private const int CommitAttempts = 3;

    /// <summary>What became of a reply: the report revised, or why it waits in quarantine.</summary>
    public sealed record Outcome(Report Report, string? Quarantine);

    /// <summary>Null when the mail answers no notice about a report.</summary>
    public async Task<Outcome?> TryReviseAsync(string mailId, MimeMessage message, ParsedMail parsed,
        PersonIdentity? person, CancellationToken ct)
    {
        var reportId = message.References.Prepend(message.InReplyTo).Select(NoticeIds.ReportOf)
            .FirstOrDefault(id => id is not null);
        if (reportId is null && ReplyText.TrackingNumberIn(parsed.Subject) is { } number)
            reportId = await reports.IdOfTrackingNumberAsync(number, ct);
        if (reportId is null || await reports.GetAsync(reportId, ct) is not { } found) return null;

        var report = found.Report;
        var named = $"《{report.Title}》（编号 {report.TrackingNumber}）";
        if (person is not { Active: true } || !IsAuthor(report, person.Id))
            return new Outcome(report, $"这是对稿件{named}通知的回复，但发件人不是该稿件的作者，不能据此修改稿件。");
        var marker = $"（邮件 {mailId}）";
        if ((await reports.EventsAsync(report.Id, ct)).Any(e => e.Why?.Contains(marker) == true))
            return new Outcome(report, null); // a redelivery of a reply already applied
        if (report.Status is not (ReportStatus.Returned or ReportStatus.ChecksFailed))
            return new Outcome(report, $"这是对稿件{named}通知的回复，但稿件当前状态为“{ReviewRules.StatusName(
                report.Status)}”，不在等待作者修改，不能通过邮件修改；请编辑确认后处理。");

        var (title, text) = ReplyText.TitleAndBody(ReplyText.Strip(MailParser.BodyText(message)));
        // Signature logos are inline images; photos for the report come as attachments.
        var files = parsed.Attachments.Where(a => !a.Part.ContentType.IsMimeType("image", "*") || a.Part.IsAttachment)
            .ToList();
        string? body = ReplyText.IsNote(text) ? null : text;
        if (body is null && files.FirstOrDefault(a => FileNames.Extension(a.Name) == "docx") is { } docx
            && MailParser.ReadDocx(docx) is { IsOk: true, Value.Length: > 0 } docxText)
            body = docxText.Value;
        if (body is null && title is null && files.Count == 0)
            return new Outcome(report, $"这是对稿件{named}通知的回复，但回复中既没有修改后的正文，也没有附件。");

        var added = await StoreAsync(report, files, ct);
        var who = new Principal(person.Id, person.Name, person.Email, person.UnitId, person.Roles);
        var request = new ActionRequest(Comment: "邮件回复修改重报" + marker, Title: title, Body: body);
        for (var attempt = 1; ; attempt++)
        {
            var command = new ReviewCommand(report.Id, ReviewAction.Resubmit, found.ETag.ToString());
            var applied = await review.ApplyAsync(who, command, request, ct, added);
            if (applied.IsOk) return new Outcome(applied.Value.Value.Report, null);
            if (applied.Problem!.Kind != ProblemKind.Stale || attempt == CommitAttempts
                || await reports.GetAsync(report.Id, ct) is not { } fresh)
                return new Outcome(report, $"稿件{named}未能按回复修改：{applied.Problem.Detail}");
            found = fresh;
        }
    }

    private static bool IsAuthor(Report report, string personId) =>
        report.SubmittedBy == personId || report.Authors.Any(a => a.PersonId == personId);

    /// <summary>The reply's files beside the report, under names it does not use yet; unusable ones left out.</summary>
    private async Task<IReadOnlyList<Attachment>> StoreAsync(Report report, IReadOnlyList<MailAttachment> files,
        CancellationToken ct)
    {
        var taken = new HashSet<string>(report.Attachments.Select(a => a.Name), StringComparer.OrdinalIgnoreCase);
        var stored = new List<Attachment>();
        var room = limits.Value.MaxReportBytes - report.Attachments.Sum(a => a.Size);
        foreach (var file in files.Take(Math.Max(0, limits.Value.MaxFiles - report.Attachments.Count)))
        {
            if (file.Part.Content is null) continue;
            await using var content = file.Part.Content.Open();
            var name = FileNames.Unique(file.Name, taken);
            var kept = await attachments.UploadAsync(report.Id, name, content, room, ct);
            if (!kept.IsOk) continue;
            stored.Add(kept.Value);
            room -= kept.Value.Size;
        }
        return stored;
    }
}
