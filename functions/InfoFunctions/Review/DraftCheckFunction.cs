using InfoFunctions.Identity;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.Review;

/// <summary>
/// The intake format checks on a draft, before it is sent: the console shows the same fixes intake
/// would ask for while the author types. Stores nothing.
/// </summary>
public sealed class DraftCheckFunction
{
    [Function("CheckDraft"), Allow(Role.Anyone)]
    public async Task<IActionResult> Check(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/review/checks")] HttpRequest req) =>
        Api.Ok((await Api.ReadJsonAsync<DraftChecksRequest>(req)).Map(draft =>
        {
            var (title, body) = (draft.Title ?? "", draft.Body ?? "");
            var fixes = IntakeChecks.Check(title, body, draft.Authors ?? [], Math.Max(0, draft.Images ?? 0));
            return new DraftChecks(title.Trim().Length, CharCounter.Count(body), fixes);
        }));
}
