using System.Text.RegularExpressions;

namespace InfoFunctions.Operations;

/// <summary>The nightly backup timer and the admin's backup list, backup-now and restore.</summary>
public sealed partial class BackupFunctions(BackupService backups, RestoreService restore)
{
    [Function("NightlyBackup")]
    public Task Nightly([TimerTrigger("%Operations__BackupSchedule%")] TimerInfo timer, CancellationToken ct) =>
        backups.RunAsync(ct);

    [Function("ListBackups"), Allow(Role.Admin)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/backups")] HttpRequest req,
        CancellationToken ct)
    {
        var nights = new List<BackupManifest>();
        foreach (var night in (await backups.Archive.NightsAsync(ct)).Reverse())
            if (await backups.Archive.ManifestAsync(night, ct) is { } m) nights.Add(m);
        return Api.Ok(nights);
    }

    [Function("RunBackup"), Allow(Role.Admin)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/backups")] HttpRequest req,
        CancellationToken ct) =>
        Api.Ok(await backups.RunAsync(ct));

    /// <summary>
    /// Body (optional): <c>{"tables":["reports","people:peoplerestored"],"blobs":false,"overwrite":false}</c>.
    /// </summary>
    [Function("RestoreBackup"), Allow(Role.Admin)]
    public async Task<IActionResult> Restore(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/backups/{night}/restore")]
        HttpRequest req,
        string night, CancellationToken ct)
    {
        if (!NightPattern().IsMatch(night))
            return Api.Problem(Problem.Invalid("invalid-night", $"“{night}”不是备份日期（应为 yyyy-MM-dd）。"));
        var request = await Api.ReadOptionalJsonAsync(req, new RestoreRequest());
        return Api.Ok(await request.ThenAsync(r => restore.RestoreAsync(backups.Archive, night, r, ct)));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex NightPattern();
}
