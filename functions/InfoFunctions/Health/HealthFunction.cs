using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.Health;

/// <summary>Liveness probe; open to the platform, no principal needed.</summary>
public sealed class HealthFunction(TimeProvider time)
{
    [Function("Health"), Public]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest req) =>
        Api.Ok(new { status = "ok", service = "InfoFunctions 人大信息工作", time = time.GetUtcNow() });
}
