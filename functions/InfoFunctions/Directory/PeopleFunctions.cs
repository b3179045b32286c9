using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.DirectoryFeature;

/// <summary>People. Office roles read everyone; an officer reads only themselves; admins write.</summary>
public sealed class PeopleFunctions(Authenticator auth, PersonStore people, DirectoryService directory)
{
    private static string Location(Person p) => $"/api/people/{p.Id}";

    [Function("ListPeople")]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/people")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, DirectoryHttp.OfficeRoles);
        if (a.Failure is not null) return a.Failure;
        var unitId = req.Query["unitId"].ToString() is { Length: > 0 } u ? u : null;
        var list = await people.ListAsync(DirectoryHttp.IncludeInactive(req), unitId, req.HttpContext.RequestAborted);
        return Api.Ok(list.Select(v => v.Value).OrderBy(p => p.UnitId, StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal));
    }

    [Function("GetPerson")]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/people/{personId}")] HttpRequest req, string personId)
    {
        var a = await auth.RequireAsync(req, DirectoryHttp.AnyRole);
        if (a.Failure is not null) return a.Failure;
        if (a.Principal!.Id != personId && !a.Principal.IsInAnyRole(DirectoryHttp.OfficeRoles))
            return Api.Problem(403, "forbidden", "信息员只能查看本人的信息。");
        return await people.GetAsync(personId, req.HttpContext.RequestAborted) is { } v ? DirectoryHttp.Entity(v) : Api.NotFound($"人员 {personId}");
    }

    [Function("CreatePerson")]
    public async Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/people")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        var (body, error) = await Api.ReadJsonAsync<PersonInput>(req);
        if (error is not null) return error;
        return DirectoryHttp.ToResult(await directory.CreatePersonAsync(body!, req.HttpContext.RequestAborted), "人员", Location);
    }

    [Function("UpdatePerson")]
    public async Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/people/{personId}")] HttpRequest req, string personId)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        var (body, error) = await Api.ReadJsonAsync<PersonInput>(req);
        if (error is not null) return error;
        var outcome = await directory.UpdatePersonAsync(personId, body!, DirectoryHttp.IfMatch(req), req.HttpContext.RequestAborted);
        return DirectoryHttp.ToResult(outcome, $"人员 {personId}", Location);
    }

    [Function("DeactivatePerson")]
    public async Task<IActionResult> Deactivate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/people/{personId}/deactivate")] HttpRequest req, string personId)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        return DirectoryHttp.ToResult(await directory.DeactivatePersonAsync(personId, req.HttpContext.RequestAborted), $"人员 {personId}", Location);
    }
}
