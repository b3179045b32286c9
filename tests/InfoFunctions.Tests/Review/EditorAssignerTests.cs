using Azure.Data.Tables;
using InfoFunctions.Dispatch;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Identity;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using InfoFunctions.Review;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Xunit;

namespace InfoFunctions.Tests.Review;

/// <summary>Against its own Azurite: the round-robin counter is global.</summary>
public class EditorAssignerTests
{
    private sealed class Calendar(params string[] ids) : IRotationCalendar
    {
        public DateOnly? AskedFor { get; private set; }
        public Task<IReadOnlyList<string>> OnDutyAsync(DateOnly day, CancellationToken ct) { AskedFor = day; return Task.FromResult<IReadOnlyList<string>>(ids); }
    }

    private static PersonStore Store(TableServiceClient tables) =>
        new(tables, new PrincipalCache(Options.Create(new AuthOptions()), TimeProvider.System));

    [Fact]
    public async Task Turns_rotate_evenly_over_editors_and_rotating_staff_even_when_taken_concurrently()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        var tables = new TableServiceClient(azurite.ConnectionString);
        foreach (var t in StorageNames.All(typeof(StorageNames.Tables))) await tables.CreateTableIfNotExistsAsync(t);
        var people = Store(tables);
        Person P(string id, string[] roles, bool active = true) =>
            new(id, id, $"{id}@example.org", null, "sz-yjs", roles, Employment.FullTime, false, 0, active, DateTimeOffset.UtcNow);
        await people.CreateAsync(P("ed-a", ["editor"]), default);
        await people.CreateAsync(P("ed-b", ["editor", "officer"]), default);
        await people.CreateAsync(P("off-c", ["officer"]), default);
        await people.CreateAsync(P("ed-gone", ["editor"], active: false), default);
        var calendar = new Calendar("rot-d", "ed-a"); // a rotating officer, and an editor listed twice

        var assigner = new EditorAssigner(tables, people, calendar, new ManualClock(new DateTimeOffset(2026, 11, 26, 17, 0, 0, TimeSpan.Zero)));
        Assert.Equal(["ed-a", "ed-b", "rot-d"], await assigner.OnDutyAsync(default));
        Assert.Equal(new DateOnly(2026, 11, 27), calendar.AskedFor); // 01:00 in Shanghai

        var turns = await Task.WhenAll(Enumerable.Range(0, 9).Select(_ => assigner.NextAsync(default)));
        Assert.All(turns.GroupBy(x => x), g => Assert.Equal(3, g.Count()));
        Assert.Equal(["ed-a", "ed-b", "rot-d"], turns.Distinct().Order());
    }

    [Fact]
    public async Task Nobody_on_duty_leaves_the_report_unassigned()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        var tables = new TableServiceClient(azurite.ConnectionString);
        foreach (var t in StorageNames.All(typeof(StorageNames.Tables))) await tables.CreateTableIfNotExistsAsync(t);
        var assigner = new EditorAssigner(tables, Store(tables), new Calendar(), TimeProvider.System);
        Assert.Null(await assigner.NextAsync(default));
    }
}
