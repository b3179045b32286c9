using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Xunit;

namespace InfoFunctions.Tests.Mailbox;

/// <summary>The webhook's refusals and its parsed-mode hash, through <c>POST /api/inbound/mail</c>.</summary>
[Collection("app")]
public sealed class InboundMailServiceTests(AppFixture fx)
{
    private async Task<HttpResponseMessage> PostAsync(HttpContent content, HttpClient? client = null)
    {
        using var own = client is null ? fx.CreateClient() : null;
        var request = new HttpRequestMessage(HttpMethod.Post, "api/inbound/mail") { Content = content };
        request.Headers.Add("x-functions-key", fx.FunctionKey);
        return await (client ?? own!).SendAsync(request);
    }

    private async Task<int> MailBlobsAsync()
    {
        var count = 0;
        await foreach (var _ in fx.Blobs.GetBlobContainerClient(StorageNames.Containers.Mail).GetBlobsAsync()) count++;
        return count;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Posts_that_cannot_succeed_are_refused_and_store_nothing()
    {
        var before = await MailBlobsAsync();

        await AssertProblemAsync(await PostAsync(new StringContent("{}", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "invalid-multipart");

        var neither = new MultipartFormDataContent { { new StringContent("pass"), "SPF" } };
        await AssertProblemAsync(await PostAsync(neither), HttpStatusCode.BadRequest, "invalid-inbound");

        var unfinished = "--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nFrom: x";
        var broken = new ByteArrayContent(Encoding.ASCII.GetBytes(unfinished));
        broken.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
        await AssertProblemAsync(await PostAsync(broken), HttpStatusCode.BadRequest, "invalid-multipart");

        Assert.Equal(before, await MailBlobsAsync());
    }

    [Fact]
    public async Task A_post_declared_over_the_limit_is_refused_with_413_and_stores_nothing()
    {
        var settings = new Dictionary<string, string?> { ["Mailbox__MaxMailBytes"] = "4096" };
        await using var small = await fx.StartAppAsync(settings);
        using var client = small.CreateClient();
        var before = await MailBlobsAsync();

        var declared = new MultipartFormDataContent { { new ByteArrayContent(new byte[8192]), "email" } };
        await AssertProblemAsync(await PostAsync(declared, client), HttpStatusCode.RequestEntityTooLarge,
            "mail-too-large");

        Assert.Equal(before, await MailBlobsAsync());
    }

    [Fact]
    public async Task A_parsed_mode_post_is_stored_as_one_message_whose_hash_is_recorded()
    {
        var form = new MultipartFormDataContent
        {
            {
                new StringContent("From: 某人 <nobody-hash@example.org>\nSubject: 哈希\nMessage-ID: <hash-" + Guid.NewGuid()
                    + "@example.org>\n"), "headers"
            },
            { new StringContent("某人 <nobody-hash@example.org>"), "from" },
            { new StringContent("正文。"), "text" },
        };
        var response = await PostAsync(form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mailId = (await response.JsonAsync()).GetProperty("mailId").GetString()!;

        var table = fx.Tables.GetTableClient(StorageNames.Tables.Mailbox);
        TableEntity? record = null;
        await Eventually.HoldsAsync(async () =>
        {
            var e = await table.GetEntityIfExistsAsync<TableEntity>("mail", mailId);
            record = e.HasValue ? e.Value : null;
            return record?.GetString("Status") == "Quarantined";
        }, $"mail {mailId} quarantined");
        var container = fx.Blobs.GetBlobContainerClient(StorageNames.Containers.Mail);
        var blob = container.GetBlobClient(record!.GetString("BlobName"));
        var stored = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        Assert.Contains("nobody-hash@example.org", Encoding.UTF8.GetString(stored));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stored)), record.GetString("RawSha256"));
    }
}
