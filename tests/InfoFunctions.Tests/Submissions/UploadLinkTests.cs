using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Submissions.IntakeTestSupport;

namespace InfoFunctions.Tests.Submissions;

/// <summary>
/// Upload links write a staging blob: confirm checks it and copies it to the report, so the link cannot change
/// what readers get afterwards; unconfirmed files go when their link expires; a person holds few links open.
/// </summary>
public sealed class UploadLinkTests(UploadClockFixture fx) : IClassFixture<UploadClockFixture>
{
    private static readonly byte[] Html = Encoding.UTF8.GetBytes("<html><script>alert('信息')</script></html>");
    private const string Editor = "demo-lin-xiaowen";

    private BlobContainerClient Container(string name) => fx.App.Blobs.GetBlobContainerClient(name);

    private async Task<string> ReportAsync(HttpClient officer, string title)
    {
        var created = await officer.PostJsonAsync("api/reports", new { title, body = "附件见上传链接。" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.JsonAsync()).Prop("id").GetString()!;
    }

    private static async Task<HttpResponseMessage> RequestUploadAsync(HttpClient client, string reportId,
        string fileName) =>
        await client.PostJsonAsync($"api/reports/{reportId}/uploads", new { fileName });

    private static async Task<JsonElement> TicketAsync(HttpClient client, string reportId, string fileName)
    {
        var created = await RequestUploadAsync(client, reportId, fileName);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.JsonAsync();
    }

    /// <summary>A PUT through the link as a browser sends it, with whatever type the client claims.</summary>
    private static async Task PutAsync(JsonElement ticket, byte[] content, string claimedType)
    {
        using var direct = new HttpClient();
        var put = new HttpRequestMessage(HttpMethod.Put, ticket.Prop("uploadUrl").GetString())
        {
            Content = new ByteArrayContent(content),
        };
        put.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(claimedType);
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        var answer = await direct.SendAsync(put);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
    }

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, JsonElement ticket) =>
        client.PostAsync(ticket.Prop("confirmUrl").GetString()!.TrimStart('/'), null);

    /// <summary>The staging blob the link writes, named by the link itself.</summary>
    private BlobClient Staged(JsonElement ticket)
    {
        var link = new BlobUriBuilder(new Uri(ticket.Prop("uploadUrl").GetString()!));
        Assert.Equal(StorageNames.Containers.Uploads, link.BlobContainerName);
        return Container(StorageNames.Containers.Uploads).GetBlobClient(link.BlobName);
    }

    private static async Task<bool> ExistsAsync(BlobClient blob) => (await blob.ExistsAsync()).Value;

    [Fact]
    public async Task After_confirm_a_write_through_the_link_does_not_change_what_the_editor_reads()
    {
        fx.Clock.Now = DateTimeOffset.UtcNow;
        using var officer = await fx.ClientForAsync("demo-xu-zhenyu");
        var id = await ReportAsync(officer, "萧县人大视察现场照片");
        var ticket = await TicketAsync(officer, id, "现场.jpg");
        await PutAsync(ticket, Jpeg, "text/html");
        Assert.True(await ExistsAsync(Staged(ticket)));

        var confirmed = await ConfirmAsync(officer, ticket);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var attachment = Assert.Single((await confirmed.JsonAsync()).Prop("attachments").EnumerateArray());
        Assert.Equal("image/jpeg", attachment.Prop("contentType").GetString());
        Assert.False(await ExistsAsync(Staged(ticket)), "the staging blob is deleted once the report lists the file");

        // The link is still within its time: the write succeeds, but reaches only a new staging blob.
        await PutAsync(ticket, Html, "text/html");
        Assert.True(await ExistsAsync(Staged(ticket)));

        using var editor = await fx.ClientForAsync(Editor);
        var link = await editor.GetAsync($"api/reports/{id}/attachments/{Uri.EscapeDataString("现场.jpg")}/link");
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        using var direct = new HttpClient();
        var read = await direct.GetAsync((await link.JsonAsync()).Prop("url").GetString());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(Jpeg, await read.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", read.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("现场.jpg", read.Content.Headers.ContentDisposition?.FileNameStar);

        // The link itself forces the type and the download, whatever headers the stored blob holds.
        var stored = Container(StorageNames.Containers.Attachments).GetBlobClient($"{id}/现场.jpg");
        await stored.SetHttpHeadersAsync(new BlobHttpHeaders { ContentType = "text/html" });
        var relinked = await editor.GetAsync($"api/reports/{id}/attachments/{Uri.EscapeDataString("现场.jpg")}/link");
        var reread = await direct.GetAsync((await relinked.JsonAsync()).Prop("url").GetString());
        Assert.Equal("image/jpeg", reread.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", reread.Content.Headers.ContentDisposition?.DispositionType);

        // Confirming again changes nothing either: the upload is done.
        var again = await ConfirmAsync(officer, ticket);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single((await again.JsonAsync()).Prop("attachments").EnumerateArray());
        Assert.Equal(Jpeg, (await stored.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task Expired_unconfirmed_uploads_are_removed_by_the_cleanup_timer()
    {
        var start = fx.Clock.Now = DateTimeOffset.UtcNow;
        using var officer = await fx.ClientForAsync("demo-he-mengjie");
        var id = await ReportAsync(officer, "萧县人大代表活动照片");
        var unconfirmed = await TicketAsync(officer, id, "未确认.jpg");
        await PutAsync(unconfirmed, Jpeg, "image/jpeg");
        var rewritten = await TicketAsync(officer, id, "已确认.jpg");
        await PutAsync(rewritten, Jpeg, "image/jpeg");
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(officer, rewritten)).StatusCode);
        await PutAsync(rewritten, Html, "text/html");
        Assert.True(await ExistsAsync(Staged(unconfirmed)));
        Assert.True(await ExistsAsync(Staged(rewritten)));

        // Within the links' time the cleanup runs and keeps both.
        await RunCleanupAtAsync(start.AddMinutes(UploadClockFixture.LinkMinutes - 1));
        Assert.True(await ExistsAsync(Staged(unconfirmed)));
        Assert.True(await ExistsAsync(Staged(rewritten)));

        // Past the links' expiry (and the grace for a write still finishing) both go; the attachment stays.
        await RunCleanupAtAsync(start.AddMinutes(UploadClockFixture.LinkMinutes)
            + UploadCleanupFunction.Grace + TimeSpan.FromMinutes(1));
        Assert.False(await ExistsAsync(Staged(unconfirmed)));
        Assert.False(await ExistsAsync(Staged(rewritten)));
        var kept = Container(StorageNames.Containers.Attachments).GetBlobClient($"{id}/已确认.jpg");
        Assert.Equal(Jpeg, (await kept.DownloadContentAsync()).Value.Content.ToArray());
        fx.Clock.Now = DateTimeOffset.UtcNow;
    }

    /// <summary>Sets the clock and waits until the cleanup timer has run at that time (its schedule status).</summary>
    private async Task RunCleanupAtAsync(DateTimeOffset at)
    {
        fx.Clock.Now = at;
        var status = Container(TimerRunner.HostsContainer).GetBlobClient(
            $"timers/infofunctions-localhost/{typeof(UploadCleanupFunction).FullName}.Run/status");
        await Eventually.HoldsAsync(async () =>
        {
            if (!await ExistsAsync(status)) return false;
            using var json = JsonDocument.Parse((await status.DownloadContentAsync()).Value.Content.ToString());
            return json.RootElement.GetProperty("Last").GetDateTime() >= at.UtcDateTime;
        }, $"the upload cleanup ran at {at:O}");
    }

    [Fact]
    public async Task A_person_holds_at_most_a_few_open_upload_links()
    {
        fx.Clock.Now = DateTimeOffset.UtcNow;
        using var officer = await fx.ClientForAsync("demo-lv-guodong");
        var id = await ReportAsync(officer, "灵璧县人大常委会执法检查照片");
        var first = await TicketAsync(officer, id, "一.jpg");
        await TicketAsync(officer, id, "二.jpg");
        var before = await PendingAsync(id);

        var refused = await RequestUploadAsync(officer, id, "三.jpg");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.JsonAsync();
        Assert.Equal("too-many-open-uploads", problem.Prop("code").GetString());
        Assert.Contains($"每人最多 {UploadClockFixture.MaxOpenUploads} 个", problem.Prop("detail").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(before, await PendingAsync(id));

        // A confirmed upload frees its place.
        await PutAsync(first, Jpeg, "image/jpeg");
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(officer, first)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RequestUploadAsync(officer, id, "三.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await RequestUploadAsync(officer, id, "四.jpg")).StatusCode);
    }

    /// <summary>The report's pending upload rows.</summary>
    private async Task<List<string>> PendingAsync(string reportId)
    {
        var rows = new List<string>();
        var unit = reportId[..reportId.IndexOf('~')];
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {unit} and Type eq 'upload'");
        var table = fx.App.Tables.GetTableClient(StorageNames.Tables.Reports);
        await foreach (var e in table.QueryAsync<TableEntity>(filter)) rows.Add(e.RowKey);
        return rows;
    }

    [Fact]
    public async Task An_expired_link_frees_its_place()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var open = new OpenUploads(fx.App.Tables, clock);
        var person = "upload-test-" + Guid.NewGuid().ToString("N")[..8];
        var expires = clock.Now.AddMinutes(UploadClockFixture.LinkMinutes);

        Assert.Null(await open.TakeAsync(person, "a1", expires, 2, default));
        Assert.Null(await open.TakeAsync(person, "a2", expires.AddMinutes(1), 2, default));
        Assert.Equal(expires, await open.TakeAsync(person, "a3", expires, 2, default));

        clock.Now = expires.AddSeconds(1); // a1 has expired
        Assert.Null(await open.TakeAsync(person, "a3", clock.Now.AddMinutes(15), 2, default));
        Assert.NotNull(await open.TakeAsync(person, "a4", clock.Now.AddMinutes(15), 2, default));
        await open.ReleaseAsync(person, "a2", default);
        Assert.Null(await open.TakeAsync(person, "a4", clock.Now.AddMinutes(15), 2, default));
    }

    /// <summary>What the editor downloads as the report's attachment <paramref name="name"/>.</summary>
    private async Task<byte[]> ReadAttachmentAsync(string reportId, string name)
    {
        using var editor = await fx.ClientForAsync(Editor);
        var link = await editor.GetAsync($"api/reports/{reportId}/attachments/{Uri.EscapeDataString(name)}/link");
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        using var direct = new HttpClient();
        return await direct.GetByteArrayAsync((await link.JsonAsync()).Prop("url").GetString());
    }

    [Fact]
    public async Task Two_links_for_one_file_name_keep_both_files()
    {
        fx.Clock.Now = DateTimeOffset.UtcNow;
        using var officer = await fx.ClientForAsync("demo-xu-zhenyu");
        var id = await ReportAsync(officer, "萧县人大执法检查照片两张");
        var first = await TicketAsync(officer, id, "照片.jpg");
        var second = await TicketAsync(officer, id, "照片.jpg");
        var (firstName, secondName) = (first.Prop("fileName").GetString()!, second.Prop("fileName").GetString()!);
        Assert.NotEqual(firstName, secondName);

        byte[] a = [.. Jpeg, 1], b = [.. Jpeg, 2];
        await PutAsync(first, a, "image/jpeg");
        await PutAsync(second, b, "image/jpeg");
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(officer, second)).StatusCode);
        var confirmed = await ConfirmAsync(officer, first);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        var names = (await confirmed.JsonAsync()).Prop("attachments").EnumerateArray()
            .Select(x => x.Prop("name").GetString()).ToList();
        Assert.Equal([secondName, firstName], names);
        Assert.Equal(a, await ReadAttachmentAsync(id, firstName));
        Assert.Equal(b, await ReadAttachmentAsync(id, secondName));
    }

    [Fact]
    public async Task Links_asked_for_at_once_never_overwrite_a_confirmed_file()
    {
        fx.Clock.Now = DateTimeOffset.UtcNow;
        using var officer = await fx.ClientForAsync("demo-wu-haoran");
        var id = await ReportAsync(officer, "市人大常委会办公厅调研照片");
        var tickets = await Task.WhenAll(Enumerable.Range(0, UploadClockFixture.MaxOpenUploads)
            .Select(_ => TicketAsync(officer, id, "调研.jpg")));
        var contents = tickets.Select((_, i) => (byte[])[.. Jpeg, (byte)i]).ToArray();
        await Task.WhenAll(tickets.Select((t, i) => PutAsync(t, contents[i], "image/jpeg")));

        var answers = await Task.WhenAll(tickets.Select(t => ConfirmAsync(officer, t)));
        var kept = new List<string>();
        for (var i = 0; i < tickets.Length; i++)
        {
            if (answers[i].StatusCode == HttpStatusCode.Conflict)
            {
                // Only when a link asked for at the same moment took the same name: told, and nothing replaced.
                Assert.Equal("upload-name-taken", (await answers[i].JsonAsync()).Prop("code").GetString());
                continue;
            }
            Assert.Equal(HttpStatusCode.OK, answers[i].StatusCode);
            var name = tickets[i].Prop("fileName").GetString()!;
            kept.Add(name);
            Assert.Equal(contents[i], await ReadAttachmentAsync(id, name));
        }
        using var editor = await fx.ClientForAsync(Editor);
        var report = await (await editor.GetAsync($"api/reports/{id}")).JsonAsync();
        var listed = report.Prop("report").Prop("attachments").EnumerateArray()
            .Select(x => x.Prop("name").GetString()!);
        Assert.Equal(kept.Order(), listed.Order());
    }
}
