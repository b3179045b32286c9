using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using InfoFunctions.Hosting;
using InfoFunctions.LocalHost;
using Xunit;
using Xunit.Abstractions;

namespace InfoFunctions.Tests.Hardening;

/// <summary>
/// Every HTTP route of the function catalogue, spoiled by every class of hostile input that applies to it: each
/// answer is a 4xx problem+json with a stable code (the status and the field named where the class fixes them),
/// and storage (tables, blobs, queues) is exactly as before the route's inputs.
/// </summary>
[Collection("hostile")]
public sealed partial class HostileInputTests(HostileFixture fx, ITestOutputHelper output)
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex StableCode();

    [Fact]
    public async Task Every_route_refuses_every_hostile_input_and_changes_nothing()
    {
        var catalogue = FunctionCatalog.Discover(LocalHostApp.AppAssembly)
            .Where(f => f.Trigger == TriggerKind.Http).ToDictionary(f => f.Name);
        var cases = HostileRoutes.For(fx.Seed, fx.Signer);
        var missing = catalogue.Keys.Except(cases.Select(c => c.Function)).Order().ToList();
        Assert.True(missing.Count == 0, "HTTP functions without a row in Hardening/HostileRoutes (add one, with a " +
            "body and query naming every field it reads): " + string.Join(", ", missing));

        var failures = new List<string>();
        var tally = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var sent = 0;
        foreach (var c in cases)
        {
            var fn = catalogue[c.Function];
            Assert.Contains(c.Method.ToLowerInvariant(), fn.HttpMethods!);
            using var client = fx.Client(Caller.Nobody);
            var before = await StorageState.TakeAsync(fx.App.Tables, fx.App.Blobs, fx.App.Queues);
            foreach (var hostile in HostileInputs.For(c, fn.Route!, FunctionAccess.Of(fn.Method) is not null))
            {
                using var request = hostile.Build();
                if (!hostile.Anonymous && c.As != Caller.Nobody)
                    request.Headers.Authorization = new("Bearer", fx.Seed.Tokens[c.As]);
                using var response = await SendAsync(client, request);
                sent++;
                tally[hostile.Class] = tally.GetValueOrDefault(hostile.Class) + 1;
                if (await JudgeAsync(hostile, response) is { } wrong)
                    failures.Add($"{c.Name} [{hostile.Class}] {hostile.What}: {wrong}");
            }
            var after = await StorageState.TakeAsync(fx.App.Tables, fx.App.Blobs, fx.App.Queues);
            var changed = StorageState.Diff(before, after).ToList();
            if (changed.Count > 0) failures.Add($"{c.Name}: storage changed: {string.Join("; ", changed.Take(8))}");
        }

        var routes = cases.Select(c => c.Function).Distinct().Count();
        output.WriteLine($"hostile inputs: {routes} routes ({cases.Count} cases) × their inputs = {sent} requests");
        foreach (var (cls, n) in tally) output.WriteLine($"  {cls,-16} {n,5}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile requests were not refused cleanly:\n"
            + string.Join("\n", failures));
    }

    /// <summary>A server that stops reading a body may close the connection under the client.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        try { return await client.SendAsync(request); }
        catch (HttpRequestException ex)
        {
            return new HttpResponseMessage(HttpStatusCode.Ambiguous) { ReasonPhrase = "no answer: " + ex.Message };
        }
    }

    private static async Task<string?> JudgeAsync(Hostile hostile, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var said = $"{status} {(text.Length > 300 ? text[..300] + "…" : text)}";
        if (status is < 400 or > 499) return "not a 4xx: " + said + response.ReasonPhrase;
        if (hostile.Status is { } expected && status != expected) return $"expected {expected}: {said}";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return "not problem+json: " + said;
        JsonElement problem;
        try { problem = JsonDocument.Parse(text).RootElement; }
        catch (JsonException) { return "unreadable problem: " + said; }
        if (!problem.TryGetProperty("code", out var code) || code.GetString() is not { } c || !StableCode().IsMatch(c))
            return "no stable code: " + said;
        if (hostile.Field is { } field && status == 400 && !Names(problem, field))
            return $"does not name {field}: {said}";
        return null;
    }

    /// <summary>The field in <c>errors[].field</c> (however the path is spelled), else in the detail.</summary>
    private static bool Names(JsonElement problem, string field)
    {
        var wanted = Tokens(field);
        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
            && errors.EnumerateArray().Any(e => e.TryGetProperty("field", out var f)
                && Tokens(f.GetString() ?? "").SequenceEqual(wanted)))
            return true;
        return problem.TryGetProperty("detail", out var detail) && detail.GetString() is { } d
            && d.Contains(wanted[^1], StringComparison.Ordinal);
    }

    private static string[] Tokens(string path) =>
        path.Split(['.', '[', ']', '"', '\''], StringSplitOptions.RemoveEmptyEntries);
}
