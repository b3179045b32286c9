using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Submissions.IntakeTestSupport;

namespace InfoFunctions.Tests.Mailbox;

/// <summary>Posting to the mailbox and waiting for the outcome, as the mailbox tests do it.</summary>
public static class MailboxTestSupport
{
    public static readonly string[] FinalStatuses =
        ["Accepted", "Quarantined", "Rejected", "Duplicate", "AutoReply", "Bounce", "Unusable", "Revised"];

    public static byte[] Fixture(string name) => File.ReadAllBytes(MailParserTests.FixturePath(name));

    /// <summary>Posts to the webhook with the function key; returns the mail id (200 expected).</summary>
    public static async Task<string> PostMailAsync(this AppFixture fx, HttpContent content, HttpClient? client = null)
    {
        using var own = client is null ? fx.CreateClient() : null;
        var request = new HttpRequestMessage(HttpMethod.Post, "api/inbound/mail") { Content = content };
        request.Headers.Add("x-functions-key", fx.FunctionKey);
        var response = await (client ?? own!).SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.JsonAsync()).GetProperty("mailId").GetString()!;
    }

    /// <summary>The mail record once processing has reached an outcome.</summary>
    public static async Task<TableEntity> SettledAsync(this AppFixture fx, string mailId)
    {
        var table = fx.Tables.GetTableClient(StorageNames.Tables.Mailbox);
        TableEntity? record = null;
        await Eventually.HoldsAsync(async () =>
        {
            var e = await table.GetEntityIfExistsAsync<TableEntity>("mail", mailId);
            record = e.HasValue ? e.Value : null;
            return record is not null && FinalStatuses.Contains(record.GetString("Status"));
        }, $"mail {mailId} processed");
        return record!;
    }

    public static async Task<JsonElement> ReportAsync(this AppFixture fx, string reportId)
    {
        using var editor = await ClientForAsync(fx, LinXiaowen);
        var response = await editor.GetAsync($"api/reports/{reportId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("report");
    }

    /// <summary>The outbox entries (JSON) whose idempotency key is <paramref name="key"/>.</summary>
    public static Task<List<JsonElement>> OutboxAsync(this AppFixture fx, string key) =>
        fx.OutboxAsync(e => e.GetProperty("idempotencyKey").GetString() == key);

    /// <summary>The outbox entries (JSON) that <paramref name="match"/> picks.</summary>
    public static async Task<List<JsonElement>> OutboxAsync(this AppFixture fx, Func<JsonElement, bool> match)
    {
        var container = fx.Blobs.GetBlobContainerClient(StorageNames.Containers.Outbox);
        var found = new List<JsonElement>();
        if (!(await container.ExistsAsync()).Value) return found;
        await foreach (var b in container.GetBlobsAsync())
        {
            if (!b.Name.EndsWith(".json")) continue;
            var json = (await container.GetBlobClient(b.Name).DownloadContentAsync()).Value.Content.ToString();
            using var doc = JsonDocument.Parse(json);
            if (match(doc.RootElement)) found.Add(doc.RootElement.Clone());
        }
        return found;
    }
}
