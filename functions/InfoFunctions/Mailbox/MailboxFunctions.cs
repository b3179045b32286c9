using InfoFunctions.Identity;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.Mailbox;

/// <summary>The parsing queue function and the editors' quarantine list.</summary>
public sealed class MailboxFunctions(MailProcessor processor, MailStore mail)
{
    [Function("ParseInboundMail")]
    public Task Parse([QueueTrigger(StorageNames.Queues.MailInbound)] InboundMailMessage msg, CancellationToken ct) =>
        processor.ProcessAsync(msg, ct);

    [Function("ListQuarantinedMail"), Allow(Role.Editor | Role.Admin)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/mailbox/quarantine")] HttpRequest req,
        CancellationToken ct) =>
        Api.Ok(await mail.ListQuarantineAsync(ct));

    [Function("AcceptQuarantinedMail"), Allow(Role.Editor | Role.Admin)]
    public async Task<IActionResult> Accept(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post",
            Route = "api/mailbox/quarantine/{mailId}/accept")] HttpRequest req,
        string mailId, CancellationToken ct) =>
        Api.Created(await Api.ReadJsonAsync<AcceptQuarantinedRequest>(req)
            .ThenAsync(body => processor.AcceptQuarantinedAsync(mailId, body.PersonId, req.Principal().Id, ct)),
            report => ReportIds.Path(report.Id));

    /// <summary>The reason is optional, and so is the body.</summary>
    [Function("RejectQuarantinedMail"), Allow(Role.Editor | Role.Admin)]
    public async Task<IActionResult> Reject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post",
            Route = "api/mailbox/quarantine/{mailId}/reject")] HttpRequest req,
        string mailId, CancellationToken ct)
    {
        var body = req.ContentLength > 0
            ? Api.ReadJsonAsync<RejectQuarantinedRequest>(req)
            : Task.FromResult<Result<RejectQuarantinedRequest>>(new RejectQuarantinedRequest(null));
        return Api.NoContent(await body.ThenAsync(b => processor.RejectQuarantinedAsync(mailId, req.Principal().Id,
            b.Reason, ct)));
    }
}
