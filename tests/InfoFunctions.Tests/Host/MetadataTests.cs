using System.Text.Json;
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
        var path = Path.Combine(root, "functions", "InfoFunctions", "bin", configuration, "net10.0", "functions.metadata");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));

        var generated = doc.RootElement.EnumerateArray().Select(f =>
        {
            var trigger = f.GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("type").GetString()!.EndsWith("Trigger"));
            string? S(string name) => trigger.TryGetProperty(name, out var v) ? v.GetString() : null;
            return Describe(
                f.GetProperty("name").GetString()!,
                trigger.GetProperty("type").GetString()!,
                S("route") ?? (trigger.GetProperty("type").GetString() == "httpTrigger" ? f.GetProperty("name").GetString() : null),
                trigger.TryGetProperty("methods", out var m) ? string.Join(",", m.EnumerateArray().Select(x => x.GetString()!.ToLowerInvariant())) : null,
                S("authLevel"),
                S("queueName"),
                S("schedule"),
                trigger.TryGetProperty("runOnStartup", out var r) && r.GetBoolean(),
                f.GetProperty("entryPoint").GetString()!);
        }).OrderBy(x => x).ToList();

        var local = FunctionCatalog.Discover(LocalHostApp.AppAssembly).Select(f => Describe(
            f.Name,
            f.Trigger switch { TriggerKind.Http => "httpTrigger", TriggerKind.Queue => "queueTrigger", _ => "timerTrigger" },
            f.Route,
            f.HttpMethods is null ? null : string.Join(",", f.HttpMethods),
            f.Trigger == TriggerKind.Http ? f.AuthLevel.ToString() : null,
            f.QueueName,
            f.Schedule,
            f.RunOnStartup,
            $"{f.Method.DeclaringType!.FullName}.{f.Method.Name}")).OrderBy(x => x).ToList();

        Assert.NotEmpty(generated);
        Assert.Equal(generated, local);
    }

    private static string Describe(string name, string type, string? route, string? methods, string? auth, string? queue, string? schedule, bool runOnStartup, string entryPoint) =>
        $"{name} {type} route={route} methods={methods} auth={auth} queue={queue} schedule={schedule} runOnStartup={runOnStartup} entry={entryPoint}";
}
