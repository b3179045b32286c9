using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.DirectoryFeature;

/// <summary>Carriers (载体). Everyone signed in may read; admins write.</summary>
public sealed class CarrierFunctions(Authenticator auth, CarrierStore carriers, DirectoryService directory)
{
    private static string Location(Carrier c) => $"/api/carriers/{c.Id}";

    [Function("ListCarriers")]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/carriers")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, DirectoryHttp.AnyRole);
        if (a.Failure is not null) return a.Failure;
        var list = await carriers.ListAsync(DirectoryHttp.IncludeInactive(req), req.HttpContext.RequestAborted);
        return Api.Ok(list.Select(v => v.Value).OrderBy(c => c.Level).ThenBy(c => c.Id, StringComparer.Ordinal));
    }

    [Function("GetCarrier")]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/carriers/{carrierId}")] HttpRequest req, string carrierId)
    {
        var a = await auth.RequireAsync(req, DirectoryHttp.AnyRole);
        if (a.Failure is not null) return a.Failure;
        return await carriers.GetAsync(carrierId, req.HttpContext.RequestAborted) is { } v ? DirectoryHttp.Entity(v) : Api.NotFound($"载体 {carrierId}");
    }

    [Function("CreateCarrier")]
    public async Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/carriers")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        var (body, error) = await Api.ReadJsonAsync<CarrierInput>(req);
        if (error is not null) return error;
        return DirectoryHttp.ToResult(await directory.CreateCarrierAsync(body!, req.HttpContext.RequestAborted), "载体", Location);
    }

    [Function("UpdateCarrier")]
    public async Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/carriers/{carrierId}")] HttpRequest req, string carrierId)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        var (body, error) = await Api.ReadJsonAsync<CarrierInput>(req);
        if (error is not null) return error;
        var outcome = await directory.UpdateCarrierAsync(carrierId, body!, DirectoryHttp.IfMatch(req), req.HttpContext.RequestAborted);
        return DirectoryHttp.ToResult(outcome, $"载体 {carrierId}", Location);
    }

    [Function("DeactivateCarrier")]
    public async Task<IActionResult> Deactivate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/carriers/{carrierId}/deactivate")] HttpRequest req, string carrierId)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        return DirectoryHttp.ToResult(await directory.DeactivateCarrierAsync(carrierId, req.HttpContext.RequestAborted), $"载体 {carrierId}", Location);
    }
}
