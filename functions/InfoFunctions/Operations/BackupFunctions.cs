using System.Text.RegularExpressions;
using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.Operations;

/// <summary>The nightly backup timer and the admin's backup list, backup-now and restore.</summary>
public sealed partial class BackupFunctions(BackupService backups, RestoreService restore, Authenticator auth)
{
    [Function("NightlyBackup")]
    public Task Nightly([TimerTrigger("%Operations__BackupSchedule%")] TimerInfo timer, CancellationToken ct) =>
        backups.RunAsync(ct);

    [Function("ListBackups")]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/backups")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        var ct = req.HttpContext.RequestAborted;
        var nights = new List<BackupManifest>();
        foreach (var night in (await backups.Archive.NightsAsync(ct)).Reverse())
            if (await backups.Archive.ManifestAsync(night, ct) is { } m) nights.Add(m);
        return Api.Ok(nights);
    }

    [Function("RunBackup")]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/backups")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        return Api.Ok(await backups.RunAsync(req.HttpContext.RequestAborted));
    }

    /// <summary>Body (optional): <c>{"tables":["reports","people:peoplerestored"],"blobs":false,"overwrite":false}</c>.</summary>
    [Function("RestoreBackup")]
    public async Task<IActionResult> Restore(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/backups/{night}/restore")] HttpRequest req, string night)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        if (!NightPattern().IsMatch(night))
            return Api.BadRequest("invalid-night", $"“{night}”不是备份日期（应为 yyyy-MM-dd）。");
        var request = new RestoreRequest();
        if (req.ContentLength is > 0 || !string.IsNullOrEmpty(req.ContentType))
        {
            var (body, error) = await Api.ReadJsonAsync<RestoreRequest>(req);
            if (error is not null) return error;
            request = body!;
        }
        try
        {
            return Api.Ok(await restore.RestoreAsync(backups.Archive, night, request, req.HttpContext.RequestAborted));
        }
        catch (RestoreRefusedException ex)
        {
            return ex.Code switch
            {
                "backup-not-found" => Api.Problem(404, ex.Code, ex.Message),
                "target-not-empty" => Api.Problem(409, ex.Code, ex.Message, ex.Items),
                _ => Api.BadRequest(ex.Code, ex.Message, ex.Items),
            };
        }
        catch (BackupCorruptException ex)
        {
            return Api.Conflict("backup-corrupt", ex.Message);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex NightPattern();
}
