namespace InfoFunctions.Dispatch;

/// <summary>
/// The bimonthly 通报: the office reads and downloads it, editors regenerate it, a timer makes each one.
/// </summary>
public sealed class BulletinFunctions(BulletinService bulletins, ILogger<BulletinFunctions> log)
{
    private const string Route = "api/dispatch/bulletins";

    [Function("ListBulletins"), Allow(Role.Office)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req, CancellationToken ct) =>
        Api.Ok(await bulletins.ListAsync(ct));

    [Function("GetBulletin"), Allow(Role.Office)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{period}")] HttpRequest req,
        string period, CancellationToken ct) =>
        Api.File(await bulletins.ReadAsync(period, ct));

    [Function("DownloadBulletin"), Allow(Role.Office)]
    public async Task<IActionResult> Download(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{period}/{format}")] HttpRequest req,
        string period, string format, CancellationToken ct) =>
        Api.File(await bulletins.DownloadAsync(period, format, ct));

    [Function("GenerateBulletin"), Allow(Role.Editor)]
    public async Task<IActionResult> Generate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{period}/generate")] HttpRequest req,
        string period, CancellationToken ct) =>
        Api.Created(await bulletins.GenerateAsync(period, ct), b => $"/{Route}/{b.Period}");

    [Function("DispatchBulletins")]
    public async Task Make([TimerTrigger("%Dispatch__BulletinSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        if (await bulletins.EnsureClosedPeriodAsync(ct) is { } b) log.LogInformation("已生成 {Period} 通报", b.Period);
    }
}
