using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.Mailbox;

public sealed record AcceptQuarantinedRequest(string? PersonId);
public sealed record RejectQuarantinedRequest(string? Reason);

/// <summary>The parsing queue function and the editors' quarantine list.</summary>
public sealed class MailboxFunctions(MailProcessor processor, MailStore mail, Authenticator auth, IPersonLookup people)
{
    private const Role Editors = Role.Editor | Role.Admin;

    [Function("ParseInboundMail")]
    public Task Parse([QueueTrigger(StorageNames.Queues.MailInbound)] InboundMailMessage msg, CancellationToken ct) =>
        processor.ProcessAsync(msg, ct);

    [Function("ListQuarantinedMail"), Allow(Role.Editor | Role.Admin)]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/mailbox/quarantine")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Editors);
        return a.Failure ?? Api.Ok(await mail.ListQuarantineAsync(req.HttpContext.RequestAborted));
    }

    [Function("AcceptQuarantinedMail"), Allow(Role.Editor | Role.Admin)]
    public async Task<IActionResult> Accept([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/mailbox/quarantine/{mailId}/accept")] HttpRequest req, string mailId)
    {
        var a = await auth.RequireAsync(req, Editors);
        if (a.Failure is not null) return a.Failure;
        var ct = req.HttpContext.RequestAborted;
        var (body, error) = await Api.ReadJsonOrProblemAsync<AcceptQuarantinedRequest>(req);
        if (error is not null) return error;
        if (string.IsNullOrWhiteSpace(body!.PersonId)) return Api.BadRequest("person-required", "请指定这封邮件归属的人员（personId）。");
        if (await mail.GetQuarantinedAsync(mailId, ct) is null) return Api.NotFound($"待确认邮件 {mailId}");
        if (await people.FindByIdAsync(body.PersonId, ct) is not { Active: true } person)
            return Api.Problem(404, "person-not-found", $"人员 {body.PersonId} 不存在或已停用。");
        var report = await processor.AcceptQuarantinedAsync(mailId, person, a.Principal!.Id, ct);
        return report is null ? Api.NotFound($"邮件 {mailId}") : Api.Created($"/api/reports/{Uri.EscapeDataString(report.Id)}", report);
    }

    [Function("RejectQuarantinedMail"), Allow(Role.Editor | Role.Admin)]
    public async Task<IActionResult> Reject([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/mailbox/quarantine/{mailId}/reject")] HttpRequest req, string mailId)
    {
        var a = await auth.RequireAsync(req, Editors);
        if (a.Failure is not null) return a.Failure;
        string? reason = null;
        if (req.ContentLength > 0)
        {
            var (body, error) = await Api.ReadJsonOrProblemAsync<RejectQuarantinedRequest>(req);
            if (error is not null) return error;
            reason = body!.Reason;
        }
        return await processor.RejectQuarantinedAsync(mailId, a.Principal!.Id, reason, req.HttpContext.RequestAborted)
            ? Api.NoContent() : Api.NotFound($"待确认邮件 {mailId}");
    }
}
