namespace InfoFunctions.Health;

/// <summary>
/// Liveness (the app answers) and readiness (its storage answers); open to the platform, no principal needed.
/// </summary>
public sealed class HealthFunction(ReadinessCheck readiness, TimeProvider time)
{
    [Function("Health"), Public]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest req
    ) =>
        Api.Ok(
            new
            {
                status = "ok",
                service = "InfoFunctions 人大信息工作",
                time = time.GetUtcNow(),
            }
        );

    /// <summary>200 when tables, blobs and queues all answer; otherwise 503 naming the ones that did not.</summary>
    [Function("Ready"), Public]
    public async Task<IActionResult> Ready(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health/ready")] HttpRequest req,
        CancellationToken ct
    ) => Api.Ok(await readiness.CheckAsync(ct));
}
