namespace InfoFunctions.Review;

/// <summary>The adoption register (采用登记) with 领导批示, for the office and leaders.</summary>
public sealed class AdoptionRegisterFunction(AdoptionRegister register)
{
    /// <summary>
    /// <c>?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>: adoptions dated on those Beijing days, newest first.
    /// </summary>
    [Function("ListAdoptions"), Allow(Role.Office)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/review/adoptions")] HttpRequest req,
        CancellationToken ct) =>
        Api.Ok(await register.ListAsync(req.Query["from"], req.Query["to"], ct));
}
