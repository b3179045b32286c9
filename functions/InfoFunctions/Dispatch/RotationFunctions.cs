namespace InfoFunctions.Dispatch;

/// <summary>
/// 轮岗: admins arrange and cancel windows; the office reads the calendar and what each window produced.
/// </summary>
public sealed class RotationFunctions(RotationService rotations)
{
    private const string Route = "api/dispatch/rotations";

    [Function("CreateRotation"), Allow(Role.Admin)]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req, CancellationToken ct) =>
        Api.Created(await Api.ReadJsonAsync<RotationInput>(req)
            .ThenAsync(input => rotations.CreateAsync(input, req.Principal(), ct)), w => $"/{Route}/{w.Id}");

    [Function("ListRotations"), Allow(Role.Office)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req, CancellationToken ct) =>
        Api.Ok(await rotations.ListAsync(req.Query["year"], ct));

    [Function("DeleteRotation"), Allow(Role.Admin)]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/{rotationId}")] HttpRequest req,
        string rotationId, CancellationToken ct) =>
        Api.NoContent(await rotations.DeleteAsync(rotationId, ct));

    /// <summary>What the person wrote and had adopted in the window, for the year-end assessment.</summary>
    [Function("GetRotationOutput"), Allow(Role.Office)]
    public async Task<IActionResult> Output(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{rotationId}/output")] HttpRequest req,
        string rotationId, CancellationToken ct) =>
        Api.Ok(await rotations.OutputAsync(rotationId, ct));
}
