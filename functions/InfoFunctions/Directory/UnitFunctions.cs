namespace InfoFunctions.DirectoryFeature;

/// <summary>Units of the four-level network. Everyone signed in may read; admins write.</summary>
public sealed class UnitFunctions(DirectoryService directory)
{
    private static string Location(Unit u) => $"/api/units/{u.Id}";

    [Function("ListUnits"), Allow(Role.Anyone)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/units")] HttpRequest req,
        CancellationToken ct
    ) => Api.Ok(await directory.ListUnitsAsync(DirectoryHttp.IncludeInactive(req), ct));

    [Function("GetUnit"), Allow(Role.Anyone)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/units/{unitId}")] HttpRequest req,
        string unitId,
        CancellationToken ct
    ) => Api.Entity(await directory.GetUnitAsync(unitId, ct));

    /// <summary>署名: whom an author may name as co-author: a unit's active people by name.</summary>
    [Function("ListUnitMembers"), Allow(Role.Anyone)]
    public async Task<IActionResult> Members(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/units/{unitId}/members")] HttpRequest req,
        string unitId,
        CancellationToken ct
    ) => Api.Ok(await directory.ListMembersAsync(req.Principal(), unitId, ct));

    [Function("CreateUnit"), Allow(Role.Admin)]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/units")] HttpRequest req,
        CancellationToken ct
    ) =>
        Api.CreatedEntity(
            await Api.ReadJsonAsync<UnitInput>(req).ThenAsync(input => directory.CreateUnitAsync(input, ct)),
            Location
        );

    [Function("UpdateUnit"), Allow(Role.Admin)]
    public async Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/units/{unitId}")] HttpRequest req,
        string unitId,
        CancellationToken ct
    ) =>
        Api.Entity(
            await Api.ReadJsonAsync<UnitInput>(req)
                .ThenAsync(input => directory.UpdateUnitAsync(unitId, input, DirectoryHttp.IfMatch(req), ct))
        );

    [Function("DeactivateUnit"), Allow(Role.Admin)]
    public async Task<IActionResult> Deactivate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/units/{unitId}/deactivate")] HttpRequest req,
        string unitId,
        CancellationToken ct
    ) => Api.Entity(await directory.DeactivateUnitAsync(unitId, ct));
}
