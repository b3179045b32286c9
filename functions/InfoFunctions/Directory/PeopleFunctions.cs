namespace InfoFunctions.DirectoryFeature;

/// <summary>People. Office roles read everyone; an officer reads only themselves; admins write.</summary>
public sealed class PeopleFunctions(DirectoryService directory)
{
    private static string Location(Person p) => $"/api/people/{p.Id}";

    [Function("ListPeople"), Allow(Role.Office)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/people")] HttpRequest req,
        CancellationToken ct
    ) =>
        Api.Ok(
            await directory.ListPeopleAsync(
                DirectoryHttp.IncludeInactive(req),
                req.Query["unitId"].ToString() is { Length: > 0 } unit ? unit : null,
                ct
            )
        );

    [Function("GetPerson"), Allow(Role.Anyone)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/people/{personId}")] HttpRequest req,
        string personId,
        CancellationToken ct
    ) => Api.Entity(await directory.GetPersonAsync(req.Principal(), personId, ct));

    [Function("CreatePerson"), Allow(Role.Admin)]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/people")] HttpRequest req,
        CancellationToken ct
    ) =>
        Api.CreatedEntity(
            await Api.ReadJsonAsync<PersonInput>(req).ThenAsync(input => directory.CreatePersonAsync(input, ct)),
            Location
        );

    [Function("UpdatePerson"), Allow(Role.Admin)]
    public async Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/people/{personId}")] HttpRequest req,
        string personId,
        CancellationToken ct
    ) =>
        Api.Entity(
            await Api.ReadJsonAsync<PersonInput>(req)
                .ThenAsync(input => directory.UpdatePersonAsync(personId, input, DirectoryHttp.IfMatch(req), ct))
        );

    [Function("DeactivatePerson"), Allow(Role.Admin)]
    public async Task<IActionResult> Deactivate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/people/{personId}/deactivate")] HttpRequest req,
        string personId,
        CancellationToken ct
    ) => Api.Entity(await directory.DeactivatePersonAsync(personId, ct));
}
