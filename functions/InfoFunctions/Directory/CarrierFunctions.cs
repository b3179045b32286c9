namespace InfoFunctions.DirectoryFeature;

/// <summary>Carriers (载体). Everyone signed in may read; admins write.</summary>
public sealed class CarrierFunctions(DirectoryService directory)
{
    private static string Location(Carrier c) => $"/api/carriers/{c.Id}";

    [Function("ListCarriers"), Allow(Role.Anyone)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/carriers")] HttpRequest req,
        CancellationToken ct
    ) => Api.Ok(await directory.ListCarriersAsync(DirectoryHttp.IncludeInactive(req), ct));

    [Function("GetCarrier"), Allow(Role.Anyone)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/carriers/{carrierId}")] HttpRequest req,
        string carrierId,
        CancellationToken ct
    ) => Api.Entity(await directory.GetCarrierAsync(carrierId, ct));

    [Function("CreateCarrier"), Allow(Role.Admin)]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/carriers")] HttpRequest req,
        CancellationToken ct
    ) =>
        Api.CreatedEntity(
            await Api.ReadJsonAsync<CarrierInput>(req).ThenAsync(input => directory.CreateCarrierAsync(input, ct)),
            Location
        );

    [Function("UpdateCarrier"), Allow(Role.Admin)]
    public async Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/carriers/{carrierId}")] HttpRequest req,
        string carrierId,
        CancellationToken ct
    ) =>
        Api.Entity(
            await Api.ReadJsonAsync<CarrierInput>(req)
                .ThenAsync(input => directory.UpdateCarrierAsync(carrierId, input, DirectoryHttp.IfMatch(req), ct))
        );

    [Function("DeactivateCarrier"), Allow(Role.Admin)]
    public async Task<IActionResult> Deactivate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/carriers/{carrierId}/deactivate")]
            HttpRequest req,
        string carrierId,
        CancellationToken ct
    ) => Api.Entity(await directory.DeactivateCarrierAsync(carrierId, ct));
}
