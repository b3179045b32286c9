using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InfoFunctions.Tests.Host;

[Collection("app")]
public sealed class HostSemanticsTests(AppFixture fx)
{
    private QueueClient Queue(string name) => fx.Queues.GetQueueClient(name);

    [Fact]
    public async Task Failing_message_is_retried_then_moved_to_poison_after_five_dequeues()
    {
        var id = Guid.NewGuid().ToString("N");
        await Queue(ProbeFunctions.FlakyQueue).CreateIfNotExistsAsync();
        await Queue(ProbeFunctions.FlakyQueue).SendMessageAsync(Json.Serialize(new ProbeMessage(id, FailTimes: 100)));

        var poison = Queue(ProbeFunctions.FlakyQueue + "-poison");
        string? poisoned = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                if (!(await poison.ExistsAsync()).Value)
                    return false;
                var peek = await poison.PeekMessagesAsync(32);
                poisoned = peek.Value.Select(m => m.Body.ToString()).FirstOrDefault(b => b.Contains(id));
                return poisoned is not null;
            },
            "message in test-flaky-poison"
        );

        Assert.Equal(5, fx.App.Probes.Attempts[id]);
        Assert.DoesNotContain(id, fx.App.Probes.Completed);
        // The poison copy is the original message, readable by anyone who re-queues it.
        Assert.Equal(id, Json.Deserialize<ProbeMessage>(poisoned!)!.Id);
    }

    [Fact]
    public async Task Transient_failure_is_retried_and_succeeds_once()
    {
        var id = Guid.NewGuid().ToString("N");
        await Queue(ProbeFunctions.FlakyQueue).CreateIfNotExistsAsync();
        await Queue(ProbeFunctions.FlakyQueue).SendMessageAsync(Json.Serialize(new ProbeMessage(id, FailTimes: 2)));

        await Eventually.HoldsAsync(() => fx.App.Probes.Completed.Contains(id), "flaky message completed");
        Assert.Equal(3, fx.App.Probes.Attempts[id]);
        Assert.Single(fx.App.Probes.Completed, x => x == id);
    }

    [Fact]
    public async Task A_message_that_is_not_base64_goes_to_poison_alone()
    {
        var id = Guid.NewGuid().ToString("N");
        await Queue(ProbeFunctions.DecodeQueue).CreateIfNotExistsAsync();
        // Written by a producer that forgot the encoding: the host cannot decode it.
        var raw = new QueueClient(fx.StorageConnectionString, ProbeFunctions.DecodeQueue);
        var garbage = $"{{\"id\":\"{id}\"}} 不是 base64";
        await raw.SendMessageAsync(garbage);
        await Queue(ProbeFunctions.DecodeQueue)
            .SendMessageAsync(Json.Serialize(new ProbeMessage(id + "-ok", FailTimes: 0)));

        await Eventually.HoldsAsync(
            () => fx.App.Probes.Completed.Contains(id + "-ok"),
            "the good message beside it completed"
        );
        var poison = new QueueClient(fx.StorageConnectionString, ProbeFunctions.DecodeQueue + "-poison");
        await Eventually.HoldsAsync(
            async () =>
                (await poison.ExistsAsync()).Value
                && (await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString() == garbage),
            "the undecodable message, as sent, in poison"
        );
        Assert.False(fx.App.Probes.Attempts.ContainsKey(id)); // never handed to the function
    }

    [Fact]
    public async Task Producers_write_base64_as_the_host_expects()
    {
        // The DI client encodes base64; a raw client must see base64 text on the wire.
        var name = "test-encoding-" + Guid.NewGuid().ToString("N")[..8];
        var q = fx.Queues.GetQueueClient(name);
        await q.CreateAsync();
        await q.SendMessageAsync("信息稿件");
        var raw = new QueueClient(fx.StorageConnectionString, name);
        var peeked = (await raw.PeekMessageAsync()).Value;
        Assert.Equal(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("信息稿件")), peeked.Body.ToString());
    }

    [Theory]
    [InlineData(null, null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key", null, HttpStatusCode.Unauthorized)]
    [InlineData(null, "wrong-key", HttpStatusCode.Unauthorized)]
    [InlineData(TestApp.FunctionKey, null, HttpStatusCode.OK)]
    [InlineData(null, TestApp.FunctionKey, HttpStatusCode.OK)]
    public async Task Function_level_routes_require_the_key_in_header_or_query(
        string? header,
        string? code,
        HttpStatusCode expected
    )
    {
        using var client = fx.CreateClient();
        var request = new HttpRequestMessage(
            HttpMethod.Post,
            "api/test/keyed/信息" + (code is null ? "" : $"?code={code}")
        );
        if (header is not null)
            request.Headers.Add("x-functions-key", header);
        var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
            Assert.Equal("信息", (await response.JsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Routes_honour_methods_and_prefix()
    {
        using var client = fx.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PostAsync("api/health", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("health")).StatusCode);
    }
}

/// <summary>Tests that start and stop their own apps (own Azurite: they control the clock or stop the host).</summary>
public sealed class HostLifecycleTests
{
    [Fact]
    public async Task Timer_occurrence_missed_while_stopped_runs_at_start_as_past_due()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        var clock = new ManualClock(new DateTimeOffset(2026, 6, 30, 15, 0, 0, TimeSpan.Zero));
        void UseClock(IServiceCollection s) => s.AddSingleton<TimeProvider>(clock);

        // First run: schedule daily 16:00 UTC; the host records the next occurrence and stops before it.
        await using (var first = await TestApp.StartAsync(azurite.ConnectionString, configureServices: UseClock))
        {
            var status = first
                .Blobs.GetBlobContainerClient(TimerRunner.HostsContainer)
                .GetBlobClient("timers/infofunctions-localhost/InfoFunctions.Tests.Host.ProbeFunctions.Timer/status");
            await Eventually.HoldsAsync(async () => (await status.ExistsAsync()).Value, "schedule status written");
            var saved = JsonDocument.Parse((await status.DownloadContentAsync()).Value.Content.ToString()).RootElement;
            Assert.Equal(new DateTime(2026, 6, 30, 16, 0, 0), saved.GetProperty("Next").GetDateTime());
            Assert.Empty(first.Probes.TimerRuns);
        }

        // Restart two hours later: the 16:00 occurrence was missed and runs now, flagged past due.
        clock.Now = clock.Now.AddHours(3);
        await using (var second = await TestApp.StartAsync(azurite.ConnectionString, configureServices: UseClock))
        {
            await Eventually.HoldsAsync(() => !second.Probes.TimerRuns.IsEmpty, "past-due timer run");
            Assert.True(second.Probes.TimerRuns.Single().IsPastDue);
        }

        // Restart again at once: nothing is due any more, so nothing runs.
        await using (var third = await TestApp.StartAsync(azurite.ConnectionString, configureServices: UseClock))
        {
            var status = third
                .Blobs.GetBlobContainerClient(TimerRunner.HostsContainer)
                .GetBlobClient("timers/infofunctions-localhost/InfoFunctions.Tests.Host.ProbeFunctions.Timer/status");
            var saved = JsonDocument.Parse((await status.DownloadContentAsync()).Value.Content.ToString()).RootElement;
            Assert.Equal(new DateTime(2026, 7, 1, 16, 0, 0), saved.GetProperty("Next").GetDateTime());
            await third.StopAsync();
            Assert.Empty(third.Probes.TimerRuns);
        }
    }

    [Fact]
    public async Task Stopping_the_host_with_a_message_in_flight_makes_it_visible_again()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        var app = await TestApp.StartAsync(azurite.ConnectionString);
        var queue = app.Queues.GetQueueClient(ProbeFunctions.SlowQueue);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("正在处理的消息");
        await app.Probes.SlowStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));

        await app.DisposeAsync();

        var raw = new QueueServiceClient(
            azurite.ConnectionString,
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }
        ).GetQueueClient(ProbeFunctions.SlowQueue);
        var visible = (await raw.ReceiveMessagesAsync(10)).Value;
        Assert.Equal("正在处理的消息", Assert.Single(visible).Body.ToString());
    }
}

public sealed class ShutdownReleaseTests
{
    [Fact]
    public async Task Stopping_the_host_gives_back_messages_held_by_a_function_that_ignores_cancellation()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        var app = await TestApp.StartAsync(azurite.ConnectionString);
        var queue = app.Queues.GetQueueClient(ProbeFunctions.StubbornQueue);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("不理会取消的消息");
        await app.Probes.SlowStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));

        await app.DisposeAsync(); // the function is still running: its message must not wait out the 10-minute lease

        var raw = new QueueServiceClient(
            azurite.ConnectionString,
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }
        ).GetQueueClient(ProbeFunctions.StubbornQueue);
        var visible = (await raw.ReceiveMessagesAsync(10)).Value;
        Assert.Equal("不理会取消的消息", Assert.Single(visible).Body.ToString());
    }
}

public sealed class DisabledFunctionTests
{
    [Fact]
    public async Task A_function_disabled_by_setting_is_not_triggered()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?>
            {
                ["AzureWebJobs.TestKeyed.Disabled"] = "true",
                ["AzureWebJobs.TestFlakyQueue.Disabled"] = "true",
            }
        );
        using var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/test/keyed/x");
        request.Headers.Add("x-functions-key", TestApp.FunctionKey);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(request)).StatusCode);

        var queue = app.Queues.GetQueueClient(ProbeFunctions.FlakyQueue);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(Json.Serialize(new ProbeMessage("still-there", 0)));
        // The health route proves the app serves; the message stays unread while other listeners run.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/health")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(app.Probes.Attempts);
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
