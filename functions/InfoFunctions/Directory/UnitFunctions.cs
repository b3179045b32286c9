using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.DirectoryFeature;

/// <summary>Units of the four-level network. Everyone signed in may read; admins write.</summary>
public sealed class UnitFunctions(Authenticator auth, UnitStore units, DirectoryService directory)
{
    private static string Location(Unit u) => $"/api/units/{u.Id}";

    [Function("ListUnits")]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/units")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, DirectoryHttp.AnyRole);
        if (a.Failure is not null) return a.Failure;
        var list = await units.ListAsync(DirectoryHttp.IncludeInactive(req), req.HttpContext.RequestAborted);
        return Api.Ok(list.Select(v => v.Value).OrderBy(u => u.Level).ThenBy(u => u.ParentId).ThenBy(u => u.Id, StringComparer.Ordinal));
    }

    [Function("GetUnit")]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/units/{unitId}")] HttpRequest req, string unitId)
    {
        var a = await auth.RequireAsync(req, DirectoryHttp.AnyRole);
        if (a.Failure is not null) return a.Failure;
        return await units.GetAsync(unitId, req.HttpContext.RequestAborted) is { } v ? DirectoryHttp.Entity(v) : Api.NotFound($"单位 {unitId}");
    }

    [Function("CreateUnit")]
    public async Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/units")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        var (body, error) = await Api.ReadJsonAsync<UnitInput>(req);
        if (error is not null) return error;
        return DirectoryHttp.ToResult(await directory.CreateUnitAsync(body!, req.HttpContext.RequestAborted), "单位", Location);
    }

    [Function("UpdateUnit")]
    public async Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/units/{unitId}")] HttpRequest req, string unitId)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        var (body, error) = await Api.ReadJsonAsync<UnitInput>(req);
        if (error is not null) return error;
        var outcome = await directory.UpdateUnitAsync(unitId, body!, DirectoryHttp.IfMatch(req), req.HttpContext.RequestAborted);
        return DirectoryHttp.ToResult(outcome, $"单位 {unitId}", Location);
    }

    [Function("DeactivateUnit")]
    public async Task<IActionResult> Deactivate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/units/{unitId}/deactivate")] HttpRequest req, string unitId)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        return DirectoryHttp.ToResult(await directory.DeactivateUnitAsync(unitId, req.HttpContext.RequestAborted), $"单位 {unitId}", Location);
    }
}
