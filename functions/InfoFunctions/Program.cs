using InfoFunctions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// Every invocation's log lines carry its id; then, after the ASP.NET Core proxy, HTTP invocations reach the
// gate with their HttpContext.
builder.UseMiddleware<InvocationScopeMiddleware>();
builder.UseMiddleware<HttpGateMiddleware>();
builder.Services.AddInfoFunctions(builder.Configuration);
builder.Services.AddInfoFunctionsTelemetry(builder.Configuration);
builder.Build().Run();
