using InfoFunctions.Submissions;

namespace InfoFunctions.Mailbox;

/// <summary>The parsing queue function, the received-mail list and the editors' quarantine list.</summary>
public sealed class MailboxFunctions(MailProcessor processor, MailStore mail, MailListing listing)
{
    [Function("ParseInboundMail")]
    public Task Parse([QueueTrigger(StorageNames.Queues.MailInbound)] InboundMailMessage msg, CancellationToken ct) =>
        processor.ProcessAsync(msg, ct);

    /// <summary>Received mail with its outcome (query: outcome, from, to, pageSize, continuationToken).</summary>
    [Function("ListMail"), Allow(Role.Editor | Role.Admin)]
    public async Task<IActionResult> ListMail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/mailbox/mail")] HttpRequest req,
        CancellationToken ct)
    {
        var q = req.Query;
        return Api.Ok(await listing.ListAsync(new MailListRequest(q["outcome"], q["from"], q["to"], q["pageSize"],
            q["continuationToken"]), ct));
    }

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
        var body = Api.ReadOptionalJsonAsync(req, new RejectQuarantinedRequest(null));
        return Api.NoContent(await body.ThenAsync(b => processor.RejectQuarantinedAsync(mailId, req.Principal().Id,
            b.Reason, ct)));
    }
}
