using InfoFunctions.LocalHost;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace InfoFunctions.Tests.Host;

public sealed class LocalHostRulesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lh-settings-").FullName;

    [Fact]
    public void Local_settings_win_over_the_sample_and_are_found_in_parent_folders()
    {
        File.WriteAllText(
            Path.Combine(_dir, Settings.SampleFile),
            """{ "Values": { "A__B": "sample", "C": "only-sample" } }"""
        );
        var child = Directory.CreateDirectory(Path.Combine(_dir, "functions", "app")).FullName;
        Assert.Equal("sample", Settings.LoadValues(child).Values["A__B"]);

        File.WriteAllText(
            Path.Combine(_dir, Settings.File),
            """{ "IsEncrypted": false, "Values": { "A__B": "local", "N": 5 } }"""
        );
        var (path, values) = Settings.LoadValues(child);
        Assert.Equal(Path.Combine(_dir, Settings.File), path);
        Assert.Equal("local", values["A__B"]);
        Assert.Equal("5", values["N"]);
        Assert.False(values.ContainsKey("C"));
    }

    [Fact]
    public void Setting_references_resolve_and_missing_ones_fail_clearly()
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(Settings.AsConfiguration([new("Rewards__Schedule", "0 0 18 * * *")]))
            .Build();
        Assert.Equal("0 0 18 * * *", Settings.Resolve("%Rewards__Schedule%", config));
        var ex = Assert.Throws<InvalidOperationException>(() => Settings.Resolve("%Missing%", config));
        Assert.Contains("Missing", ex.Message);
    }

    [Theory]
    [InlineData("0 0 16 * * *", "2026-06-30T15:00:00", "2026-06-30T16:00:00")]
    [InlineData("0 0 16 * * *", "2026-06-30T16:00:00", "2026-07-01T16:00:00")]
    [InlineData("0 */5 * * * *", "2026-01-01T00:03:10", "2026-01-01T00:05:00")]
    [InlineData("0 0 18 30 6,12 *", "2026-07-01T00:00:00", "2026-12-30T18:00:00")]
    [InlineData("00:00:30", "2026-01-01T00:00:00", "2026-01-01T00:00:30")]
    public void Schedules_are_six_field_ncrontab_or_timespans_in_utc(string schedule, string now, string expected)
    {
        var next = TimerRunner.ParseSchedule(schedule);
        Assert.Equal(DateTime.Parse(expected), next(DateTime.Parse(now)));
    }

    [Fact]
    public void Five_field_cron_is_refused_with_a_clear_message()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TimerRunner.ParseSchedule("0 16 * * *"));
        Assert.Contains("NCRONTAB", ex.Message);
    }

    [Fact]
    public void Host_json_queue_settings_are_read()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "host.json");
        var host = HostJson.Load(path);
        Assert.Equal("", host.RoutePrefix); // routes spell "api/…" themselves; the console is served at the root
        Assert.Equal(16, host.Queues.BatchSize);
        Assert.Equal(5, host.Queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.Zero, host.Queues.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), host.Queues.MaxPollingInterval);
        Assert.Equal("base64", host.Queues.MessageEncoding);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
