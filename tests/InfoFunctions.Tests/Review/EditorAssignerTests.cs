using Azure.Data.Tables;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Dispatch;
using InfoFunctions.Identity;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using InfoFunctions.Review;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Xunit;

namespace InfoFunctions.Tests.Review;

/// <summary>Against its own Azurite: the roster from the directory and the calendar, turns from real numbers.</summary>
public class EditorAssignerTests
{
    private sealed class Calendar(params string[] ids) : IRotationCalendar
    {
        public DateOnly? AskedFor { get; private set; }

        public Task<IReadOnlyList<string>> OnDutyAsync(DateOnly day, CancellationToken ct)
        {
            AskedFor = day;
            return Task.FromResult<IReadOnlyList<string>>(ids);
        }
    }

    private static PersonStore Store(TableServiceClient tables) =>
        new(tables, new PrincipalCache(Options.Create(new AuthOptions()), TimeProvider.System));

    private static async Task<TableServiceClient> TablesAsync(Azurite azurite)
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        foreach (var t in StorageNames.All(typeof(StorageNames.Tables)))
            await tables.CreateTableIfNotExistsAsync(t);
        return tables;
    }

    private static Report R(string trackingNumber) =>
        new(
            $"yq~{Guid.NewGuid():N}",
            trackingNumber,
            "yq",
            "标题",
            "正文",
            ReportCategory.DailyNews,
            [],
            null,
            Channel.Api,
            [],
            ReportStatus.Received,
            2,
            "p",
            DateTimeOffset.UtcNow
        );

    [Fact]
    public async Task Editors_and_rotating_staff_on_duty_take_turns_by_tracking_number()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        var tables = await TablesAsync(azurite);
        var people = Store(tables);
        Person P(string id, string[] roles, bool active = true) =>
            new(
                id,
                "姓名" + id,
                $"{id}@example.org",
                null,
                "sz-yjs",
                roles,
                Employment.FullTime,
                false,
                0,
                active,
                DateTimeOffset.UtcNow
            );
        await people.CreateAsync(P("ed-a", ["editor"]), default);
        await people.CreateAsync(P("ed-b", ["editor", "officer"]), default);
        await people.CreateAsync(P("off-c", ["officer"]), default);
        await people.CreateAsync(P("ed-gone", ["editor"], active: false), default);
        await people.CreateAsync(P("rot-d", ["officer"]), default);
        var calendar = new Calendar("rot-d", "ed-a"); // a rotating officer, and an editor listed twice

        var clock = new ManualClock(new DateTimeOffset(2026, 11, 26, 17, 0, 0, TimeSpan.Zero));
        var assigner = new EditorAssigner(people, calendar, clock);
        Assert.Equal(
            [new("ed-a", "姓名ed-a"), new("ed-b", "姓名ed-b"), new DutyEditor("rot-d", "姓名rot-d")],
            await assigner.OnDutyAsync(default)
        );
        Assert.Equal(new DateOnly(2026, 11, 27), calendar.AskedFor); // 01:00 in Shanghai

        var turns = await Task.WhenAll(
            Enumerable.Range(1, 9).Select(n => assigner.AssignAsync(R($"2026-{n:D4}"), default))
        );
        Assert.Equal(
            ["ed-a", "ed-b", "rot-d", "ed-a", "ed-b", "rot-d", "ed-a", "ed-b", "rot-d"],
            turns.Select(t => t!.Id)
        );

        // A report that has an editor keeps them, on duty or not (a revision coming back through intake).
        Assert.Equal(
            new DutyEditor("ed-b", "姓名ed-b"),
            await assigner.AssignAsync(R("2026-0001") with { EditorId = "ed-b" }, default)
        );
        Assert.Equal(
            new DutyEditor("ed-gone", "姓名ed-gone"),
            await assigner.AssignAsync(R("2026-0001") with { EditorId = "ed-gone" }, default)
        );
    }

    [Fact]
    public async Task A_thousand_reports_numbered_by_instances_that_come_and_go_share_out_within_10_percent()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        var tables = await TablesAsync(azurite);
        string[] five = ["ed-a", "ed-b", "ed-c", "ed-d", "ed-e"];
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));

        // Three instances hand out numbers at once; every so often one stops (the rest of its block is lost)
        // and a new one takes its place.
        var instances = Enumerable.Range(0, 3).Select(_ => new TrackingNumbers(tables, clock)).ToArray();
        var random = new Random(18);
        var numbers = new List<string>();
        for (var round = 0; round < 20; round++)
        {
            numbers.AddRange(
                await Task.WhenAll(Enumerable.Range(0, 50).Select(i => instances[i % 3].NextAsync(default)))
            );
            var stopping = random.Next(3);
            if (round % 2 == 0)
                instances[stopping] = new TrackingNumbers(tables, clock);
        }
        var issued = numbers.Select(t => TrackingNumbers.TryParse(t, out var n) ? n : 0).ToList();
        Assert.Equal(1000, issued.Distinct().Count());
        Assert.True(issued.Max() > 1000, "no block was left partly used: the case this test is about did not happen");

        var (most, least) = EditorTurnsTests.Spread(five, issued);
        Assert.True(most <= least * 1.10, $"busiest {most}, least busy {least}");
    }

    [Fact]
    public async Task Nobody_on_duty_leaves_the_report_unassigned()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        var assigner = new EditorAssigner(Store(await TablesAsync(azurite)), new Calendar(), TimeProvider.System);
        Assert.Null(await assigner.AssignAsync(R("2026-0001"), default));
    }
}
