using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using InfoFunctions.Rewards;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InfoFunctions.Tests.Rewards;

/// <summary>
/// Its own Azurite and app (so no other app takes its ledger messages), the demo directory, and two
/// standards: v1 from 2020-01-01 counting the highest carrier only, v2 from 2024-01-01 counting
/// cumulatively. Tests keep apart by using different years.
/// </summary>
public sealed class RewardsFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;
    public TestApp App { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync(location: null);
        // The settlement timer must not fire during the run (it would settle the tests' periods): once a year.
        App = await TestApp.StartAsync(
            Azurite.ConnectionString,
            new Dictionary<string, string?>
            {
                ["Rewards__SettlementSchedule"] = "0 0 0 1 1 *",
                ["Rewards__AssessmentSchedule"] = "0 0 0 1 1 *",
            }
        );
        Admin = App.CreateAdminClient();
        (await Admin.PostAsync("api/directory/demo", null)).EnsureSuccessStatusCode();
        var v1 = await Admin.PostJsonAsync("api/rewards/standards", Input("2020-01-01", "highestOnly"));
        Assert.Equal(HttpStatusCode.Created, v1.StatusCode);
        var v2 = await Admin.PostJsonAsync("api/rewards/standards", Input("2024-01-01", "cumulative"));
        Assert.Equal(HttpStatusCode.Created, v2.StatusCode);
    }

    /// <summary>The demo figures as an API body.</summary>
    public static StandardInput Input(string effectiveFrom, string multiCarrier)
    {
        var d = RewardStandard.Demo(1, new DateOnly(2014, 1, 1), DateTimeOffset.UnixEpoch, "test");
        return new StandardInput(
            effectiveFrom,
            new(d.Carriers),
            new(d.EndorsementBonuses),
            new(d.Penalties),
            multiCarrier,
            new(d.GradeRewards),
            null
        );
    }

    public async Task EnqueueAsync(LedgerMessage m) =>
        await App.Queues.GetQueueClient(StorageNames.Queues.Ledger).SendMessageAsync(Json.Serialize(m));

    /// <summary>Waits until the fact is recorded and all its lines are in the ledger table.</summary>
    public async Task WaitAppliedAsync(LedgerMessage m)
    {
        var reports = App.Services.GetRequiredService<ReportLedgerStore>();
        var ledger = App.Tables.GetTableClient(StorageNames.Tables.Ledger);
        await Eventually.HoldsAsync(
            async () =>
            {
                if (await reports.GetAppliedAsync(m.ReportId, m.EventId, default) is not { } applied)
                    return false;
                foreach (var l in applied.Lines)
                    if (!(await ledger.GetEntityIfExistsAsync<TableEntity>(l.Period, LedgerStore.RowKey(l))).HasValue)
                        return false;
                return true;
            },
            $"ledger message {m.EventId} applied"
        );
    }

    public async Task SendAndWaitAsync(params LedgerMessage[] messages)
    {
        foreach (var m in messages)
        {
            await EnqueueAsync(m);
            await WaitAppliedAsync(m);
        }
    }

    public async Task<JsonElement> SettleAsync(string period)
    {
        var r = await Admin.PostAsync($"api/rewards/settlements/{period}/run", null);
        Assert.True(
            r.IsSuccessStatusCode,
            $"settle {period}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}"
        );
        return await r.JsonAsync();
    }

    public async Task<JsonElement> StatementAsync(string period, string kind, string id)
    {
        var r = await Admin.GetAsync($"api/rewards/settlements/{period}/statements/{kind}/{id}");
        Assert.True(r.IsSuccessStatusCode, $"statement {period} {kind} {id}: {(int)r.StatusCode}");
        return await r.JsonAsync();
    }

    public async Task<(decimal Points, decimal Yuan)> TotalsAsync(string period, string kind, string id)
    {
        var s = await StatementAsync(period, kind, id);
        return (s.GetProperty("points").GetDecimal(), s.GetProperty("yuan").GetDecimal());
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        if (App is not null)
            await App.DisposeAsync();
        if (Azurite is not null)
            await Azurite.DisposeAsync();
    }
}

[CollectionDefinition("rewards")]
public sealed class RewardsCollection : ICollectionFixture<RewardsFixture>;
