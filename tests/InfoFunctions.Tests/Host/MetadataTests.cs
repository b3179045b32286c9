using System.Text.Json;
using InfoFunctions.Hosting;
using InfoFunctions.Identity;
using InfoFunctions.LocalHost;
using Xunit;

namespace InfoFunctions.Tests.Host;

public sealed class MetadataTests
{
    /// <summary>
    /// LocalHost must see exactly the functions the real host will load: the functions.metadata
    /// that the Worker SDK generated at build time.
    /// </summary>
    [Fact]
    public void LocalHost_view_equals_the_generated_functions_metadata()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        var root = Path.GetDirectoryName(Settings.FindUpwards(AppContext.BaseDirectory, "InfoFunctions.sln"))!;
        var path = Path.Combine(
            root,
            "functions",
            "InfoFunctions",
            "bin",
            configuration,
            "net10.0",
            "functions.metadata"
        );
        using var doc = JsonDocument.Parse(File.ReadAllText(path));

        var generated = doc
            .RootElement.EnumerateArray()
            .Select(f =>
            {
                var trigger = f.GetProperty("bindings")
                    .EnumerateArray()
                    .First(b => b.GetProperty("type").GetString()!.EndsWith("Trigger"));
                string? S(string name) => trigger.TryGetProperty(name, out var v) ? v.GetString() : null;
                return Describe(
                    f.GetProperty("name").GetString()!,
                    trigger.GetProperty("type").GetString()!,
                    S("route")
                        ?? (
                            trigger.GetProperty("type").GetString() == "httpTrigger"
                                ? f.GetProperty("name").GetString()
                                : null
                        ),
                    trigger.TryGetProperty("methods", out var m)
                        ? string.Join(",", m.EnumerateArray().Select(x => x.GetString()!.ToLowerInvariant()))
                        : null,
                    S("authLevel"),
                    S("queueName"),
                    S("schedule"),
                    trigger.TryGetProperty("runOnStartup", out var r) && r.GetBoolean(),
                    f.GetProperty("entryPoint").GetString()!
                );
            })
            .OrderBy(x => x)
            .ToList();

        var local = FunctionCatalog
            .Discover(LocalHostApp.AppAssembly)
            .Select(f =>
                Describe(
                    f.Name,
                    f.Trigger switch
                    {
                        TriggerKind.Http => "httpTrigger",
                        TriggerKind.Queue => "queueTrigger",
                        _ => "timerTrigger",
                    },
                    f.Route,
                    f.HttpMethods is null ? null : string.Join(",", f.HttpMethods),
                    f.Trigger == TriggerKind.Http ? f.AuthLevel.ToString() : null,
                    f.QueueName,
                    f.Schedule,
                    f.RunOnStartup,
                    $"{f.Method.DeclaringType!.FullName}.{f.Method.Name}"
                )
            )
            .OrderBy(x => x)
            .ToList();

        Assert.NotEmpty(generated);
        Assert.Equal(generated, local);
    }

    /// <summary>
    /// Under the real host the gate finds each function's method from its metadata entry point; every HTTP
    /// function declares who may call it, exactly once.
    /// </summary>
    [Fact]
    public void Every_http_function_declares_its_access_and_resolves_from_its_entry_point()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var root = Path.GetDirectoryName(Settings.FindUpwards(AppContext.BaseDirectory, "InfoFunctions.sln"))!;
        using var doc = JsonDocument.Parse(
            File.ReadAllText(
                Path.Combine(root, "functions", "InfoFunctions", "bin", configuration, "net10.0", "functions.metadata")
            )
        );
        var http = doc
            .RootElement.EnumerateArray()
            .Where(f =>
                f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "httpTrigger")
            )
            .Select(f => f.GetProperty("entryPoint").GetString()!)
            .ToList();

        Assert.True(http.Count > 50, $"only {http.Count} HTTP functions in the metadata");
        foreach (var entryPoint in http)
        {
            var method = HttpGateMiddleware.EntryPoint(entryPoint);
            Assert.Equal(entryPoint, $"{method.DeclaringType!.FullName}.{method.Name}");
            FunctionAccess.Of(method); // throws when neither or both of [Allow] and [Public] are declared
        }
        Assert.Null(FunctionAccess.Of(HttpGateMiddleware.EntryPoint("InfoFunctions.Health.HealthFunction.Run")));
        Assert.Equal(
            Role.Admin,
            FunctionAccess.Of(HttpGateMiddleware.EntryPoint("InfoFunctions.Identity.TokenFunctions.Issue"))
        );
    }

    private static string Describe(
        string name,
        string type,
        string? route,
        string? methods,
        string? auth,
        string? queue,
        string? schedule,
        bool runOnStartup,
        string entryPoint
    ) =>
        $"{name} {type} route={route} methods={methods} auth={auth} queue={queue} schedule={schedule} "
        + $"runOnStartup={runOnStartup} entry={entryPoint}";
}
