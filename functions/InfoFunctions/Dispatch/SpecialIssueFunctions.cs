namespace InfoFunctions.Dispatch;

/// <summary>《信息专刊》: editors compile an issue from chosen reports; the office downloads it.</summary>
public sealed class SpecialIssueFunctions(SpecialIssueService issues)
{
    private const string Route = "api/dispatch/special-issues";

    [Function("CreateSpecialIssue"), Allow(Role.Editor)]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req, CancellationToken ct) =>
        Api.Created(await Api.ReadJsonAsync<SpecialIssueInput>(req)
            .ThenAsync(input => issues.CompileAsync(input, req.Principal(), ct)), s => s.DocxUrl);

    [Function("DownloadSpecialIssue"), Allow(Role.Office)]
    public async Task<IActionResult> Download(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{issueId}/docx")] HttpRequest req,
        string issueId, CancellationToken ct) =>
        Api.File(await issues.DownloadAsync(issueId, ct));
}
