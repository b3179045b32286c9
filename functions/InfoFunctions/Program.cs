using InfoFunctions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// After the ASP.NET Core proxy, so HTTP invocations reach the gate with their HttpContext.
builder.UseMiddleware<HttpGateMiddleware>();
builder.Services.AddInfoFunctions(builder.Configuration);
builder.Build().Run();
