using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Submissions.IntakeTestSupport;

namespace InfoFunctions.Tests.Submissions;

[Collection("app")]
public sealed class SubmissionsApiTests(AppFixture fx)
{
    private static byte[] Docx(params string[] paragraphs)
    {
        var ms = new MemoryStream();
        using (
            var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(
                ms,
                DocumentFormat.OpenXml.WordprocessingDocumentType.Document
            )
        )
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(
                new DocumentFormat.OpenXml.Wordprocessing.Body(
                    paragraphs.Select(p => new DocumentFormat.OpenXml.Wordprocessing.Paragraph(
                        new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text(p))
                    ))
                )
            );
        }
        return ms.ToArray();
    }

    private static MultipartFormDataContent Form(string title, params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(title), "title" },
            { new StringContent("埇桥区人大常委会开展代表进站活动，收集意见建议二十条。"), "body" },
            { new StringContent("日常动态"), "category" },
        };
        foreach (var (name, bytes) in files)
            form.Add(new ByteArrayContent(bytes), "files", name);
        return form;
    }

    [Fact]
    public async Task Json_report_is_stored_numbered_evented_and_queued_for_review()
    {
        using var client = await ClientForAsync(fx, YangFan);
        var response = await client.PostJsonAsync(
            "api/reports",
            new
            {
                title = "埇桥区人大常委会召开代表座谈会",
                body = "<p>3月5日，区人大常委会召开代表座谈会。</p><script>x()</script>",
                category = "typicalExperience",
                authors = new object[]
                {
                    new { personId = YangFan, share = 0.5 },
                    new
                    {
                        name = "朱玲玲",
                        isDeputy = true,
                        share = 0.5,
                    },
                },
            }
        );
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var report = await response.JsonAsync();
        var id = report.Prop("id").GetString()!;
        Assert.StartsWith("yq~", id);
        Assert.Matches(new Regex(@"^\d{4}-\d{4,}$"), report.Prop("trackingNumber").GetString());
        Assert.Equal("3月5日，区人大常委会召开代表座谈会。", report.Prop("body").GetString());
        Assert.Equal(19, report.Prop("charCount").GetInt32()); // 3·月·5·日·，·13 字·。
        Assert.Equal("api", report.Prop("channel").GetString());
        Assert.Equal("received", report.Prop("status").GetString());
        Assert.True(report.Prop("authors")[1].Prop("isDeputy").GetBoolean());

        var detail = await (await client.GetAsync($"api/reports/{id}")).JsonAsync();
        Assert.Equal("received", detail.Prop("events")[0].Prop("what").GetString());
        Assert.True(await ReviewQueuedAsync(fx, id));
    }

    [Fact]
    public async Task Idempotency_key_returns_the_first_result_and_creates_nothing_new()
    {
        using var client = await ClientForAsync(fx, YangFan);
        var key = Guid.NewGuid().ToString();
        var body = new { title = "幂等测试稿件" + key[..8], body = "正文内容。" };
        HttpRequestMessage Request()
        {
            var r = new HttpRequestMessage(HttpMethod.Post, "api/reports") { Content = JsonContent(body) };
            r.Headers.Add("Idempotency-Key", key);
            return r;
        }

        var first = await client.SendAsync(Request());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var before = await StorageSnapshotAsync(fx);
        var second = await client.SendAsync(Request());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(
            (await first.JsonAsync()).Prop("id").GetString(),
            (await second.JsonAsync()).Prop("id").GetString()
        );
        // Nothing new but a repeated review message (harmless): compare entities and blobs only.
        Assert.Equal(before, await StorageSnapshotAsync(fx));

        // The same key for a different report is refused.
        var other = new HttpRequestMessage(HttpMethod.Post, "api/reports")
        {
            Content = JsonContent(new { title = "另一份", body = "不同" }),
        };
        other.Headers.Add("Idempotency-Key", key);
        Assert.Equal((HttpStatusCode)422, (await client.SendAsync(other)).StatusCode);
    }

    private static StringContent JsonContent(object o) => new(Json.Serialize(o), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Multipart_report_stores_files_under_the_report_and_links_download_them()
    {
        using var client = await ClientForAsync(fx, YangFan);
        var docx = Docx("第一段", "第二段");
        var response = await client.PostAsync(
            "api/reports",
            Form("代表进站活动", ("代表进站活动.docx", docx), ("现场照片.jpg", Jpeg))
        );
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var report = await response.JsonAsync();
        var id = report.Prop("id").GetString()!;
        Assert.Equal("web", report.Prop("channel").GetString());
        var names = report.Prop("attachments").EnumerateArray().Select(a => a.Prop("name").GetString()!).ToArray();
        Assert.Equal(["代表进站活动.docx", "现场照片.jpg"], names);

        var container = fx.Blobs.GetBlobContainerClient(StorageNames.Containers.Attachments);
        var blob = container.GetBlobClient($"{id}/代表进站活动.docx");
        Assert.Equal(docx, (await blob.DownloadContentAsync()).Value.Content.ToArray());

        var link = await (
            await client.GetAsync($"api/reports/{id}/attachments/{Uri.EscapeDataString("现场照片.jpg")}/link")
        ).JsonAsync();
        using var anonymous = new HttpClient();
        Assert.Equal(Jpeg, await anonymous.GetByteArrayAsync(link.Prop("url").GetString()));
    }

    [Fact]
    public async Task Path_traversal_name_is_stored_inside_the_report_under_its_last_segment()
    {
        using var client = await ClientForAsync(fx, YangFan);
        var response = await client.PostAsync("api/reports", Form("路径测试", ("../../../etc/照片.jpg", Jpeg)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var report = await response.JsonAsync();
        var id = report.Prop("id").GetString()!;
        Assert.Equal("照片.jpg", report.Prop("attachments")[0].Prop("name").GetString());
        var container = fx.Blobs.GetBlobContainerClient(StorageNames.Containers.Attachments);
        Assert.True((await container.GetBlobClient($"{id}/照片.jpg").ExistsAsync()).Value);
        await foreach (var b in container.GetBlobsAsync())
            Assert.DoesNotContain("..", b.Name);
    }

    [Fact]
    public async Task Bad_input_is_refused_and_leaves_storage_unchanged()
    {
        using var client = await ClientForAsync(fx, YangFan);
        var exe = new byte[] { (byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF };
        var before = await StorageSnapshotAsync(fx);

        // Wrong type disguised by extension (after a good file, which must be removed again).
        var disguised = await client.PostAsync("api/reports", Form("伪装文件", ("正常.jpg", Jpeg), ("照片.jpg", exe)));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, disguised.StatusCode);
        Assert.Equal("unsupported-file-type", (await disguised.JsonAsync()).Prop("code").GetString());

        // A .docx that is some other zip.
        var zip = new MemoryStream();
        using (var a = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, true))
            a.CreateEntry("readme.txt");
        Assert.Equal(
            HttpStatusCode.UnsupportedMediaType,
            (await client.PostAsync("api/reports", Form("假文档", ("报告.docx", zip.ToArray())))).StatusCode
        );

        // Empty title, with a file already streamed.
        var empty = await client.PostAsync("api/reports", Form("  ", ("照片.jpg", Jpeg)));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("标题", (await empty.JsonAsync()).Prop("detail").GetString());
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await client.PostJsonAsync("api/reports", new { title = "", body = "正文" })).StatusCode
        );

        // Invalid JSON.
        var invalid = await client.PostAsync(
            "api/reports",
            new StringContent("{\"title\": \"未闭合", Encoding.UTF8, "application/json")
        );
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("invalid-json", (await invalid.JsonAsync()).Prop("code").GetString());

        // An officer submitting for another unit.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await client.PostJsonAsync(
                    "api/reports",
                    new
                    {
                        title = "越权",
                        body = "正文",
                        unitId = "ds",
                    }
                )
            ).StatusCode
        );

        Assert.Equal(before, await StorageSnapshotAsync(fx));
    }

    [Fact]
    public async Task Oversize_file_and_report_are_refused_with_413_and_leave_storage_unchanged()
    {
        await using var small = await fx.StartAppAsync(
            new Dictionary<string, string?>
            {
                ["Submissions__MaxFileBytes"] = "2048",
                ["Submissions__MaxReportBytes"] = "3072",
                ["Submissions__MaxFiles"] = "2",
            }
        );
        await ClientForAsync(fx, YangFan); // demo + token exist in the shared storage
        using var client = small.CreateClient(
            (await ClientForAsync(fx, YangFan)).DefaultRequestHeaders.Authorization!.Parameter
        );
        var before = await StorageSnapshotAsync(fx);

        var big = Jpeg.Concat(new byte[3000]).ToArray();
        var oversize = await client.PostAsync("api/reports", Form("大文件", ("大照片.jpg", big)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);
        Assert.Equal("file-too-large", (await oversize.JsonAsync()).Prop("code").GetString());

        var mid = Jpeg.Concat(new byte[1800]).ToArray();
        var total = await client.PostAsync("api/reports", Form("总量超限", ("一.jpg", mid), ("二.jpg", mid)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, total.StatusCode);
        Assert.Equal("report-too-large", (await total.JsonAsync()).Prop("code").GetString());

        var many = await client.PostAsync(
            "api/reports",
            Form("文件过多", ("一.jpg", Jpeg), ("二.jpg", Jpeg), ("三.jpg", Jpeg))
        );
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, many.StatusCode);

        Assert.Equal(before, await StorageSnapshotAsync(fx));
    }

    [Fact]
    public async Task Large_file_goes_through_an_upload_link_and_is_checked_on_confirm()
    {
        using var client = await ClientForAsync(fx, YangFan);
        var id = (
            await (await client.PostJsonAsync("api/reports", new { title = "视频稿件", body = "附视频。" })).JsonAsync()
        )
            .Prop("id")
            .GetString()!;

        var ticket = await (
            await client.PostJsonAsync(
                $"api/reports/{id}/uploads",
                new { fileName = "C:\\视频\\现场视频.mp4", size = 5000 }
            )
        ).JsonAsync();
        Assert.Equal("现场视频.mp4", ticket.Prop("fileName").GetString());
        var mp4 = new byte[5000];
        new byte[]
        {
            0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m',
        }.CopyTo(mp4, 0);
        using var direct = new HttpClient();
        var put = new HttpRequestMessage(HttpMethod.Put, ticket.Prop("uploadUrl").GetString())
        {
            Content = new ByteArrayContent(mp4),
        };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Created, (await direct.SendAsync(put)).StatusCode);

        var confirmed = await client.PostAsync(ticket.Prop("confirmUrl").GetString()!.TrimStart('/'), null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var att = Assert.Single((await confirmed.JsonAsync()).Prop("attachments").EnumerateArray());
        Assert.Equal(5000, att.Prop("size").GetInt64());
        Assert.Equal("video", att.Prop("kind").GetString());

        // A file whose content does not match its name is deleted on confirm.
        var bad = await (
            await client.PostJsonAsync($"api/reports/{id}/uploads", new { fileName = "文档.pdf" })
        ).JsonAsync();
        var put2 = new HttpRequestMessage(HttpMethod.Put, bad.Prop("uploadUrl").GetString())
        {
            Content = new ByteArrayContent(mp4),
        };
        put2.Headers.Add("x-ms-blob-type", "BlockBlob");
        await direct.SendAsync(put2);
        Assert.Equal(
            HttpStatusCode.UnsupportedMediaType,
            (await client.PostAsync(bad.Prop("confirmUrl").GetString()!.TrimStart('/'), null)).StatusCode
        );
        Assert.False(
            (
                await fx
                    .Blobs.GetBlobContainerClient(StorageNames.Containers.Attachments)
                    .GetBlobClient($"{id}/文档.pdf")
                    .ExistsAsync()
            ).Value
        );
        Assert.Equal(
            HttpStatusCode.RequestEntityTooLarge,
            (
                await client.PostJsonAsync(
                    $"api/reports/{id}/uploads",
                    new { fileName = "巨大.mp4", size = 100L * 1024 * 1024 }
                )
            ).StatusCode
        );
    }

    [Fact]
    public async Task Officers_list_their_own_unit_editors_filter_and_page()
    {
        using var yang = await ClientForAsync(fx, YangFan);
        using var qin = await ClientForAsync(fx, QinHaoyu);
        using var editor = await ClientForAsync(fx, LinXiaowen);
        var tag = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 3; i++)
            Assert.Equal(
                HttpStatusCode.Created,
                (
                    await yang.PostJsonAsync(
                        "api/reports",
                        new
                        {
                            title = $"列表测试{tag}-{i}",
                            body = "正文",
                            category = i == 0 ? "建议" : "日常动态",
                        }
                    )
                ).StatusCode
            );
        Assert.Equal(
            HttpStatusCode.Created,
            (await qin.PostJsonAsync("api/reports", new { title = $"列表测试{tag}-砀山", body = "正文" })).StatusCode
        );

        var own = await (await yang.GetAsync($"api/reports?q={tag}")).JsonAsync();
        Assert.Equal(3, own.Prop("items").GetArrayLength());
        Assert.All(own.Prop("items").EnumerateArray(), r => Assert.Equal("yq", r.Prop("unitId").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await yang.GetAsync("api/reports?unitId=ds")).StatusCode);

        var proposals = await (await yang.GetAsync($"api/reports?q={tag}&category=proposal")).JsonAsync();
        Assert.Equal(
            $"列表测试{tag}-0",
            Assert.Single(proposals.Prop("items").EnumerateArray()).Prop("title").GetString()
        );

        var ds = await (await editor.GetAsync($"api/reports?unitId=ds&q={tag}")).JsonAsync();
        Assert.Equal($"列表测试{tag}-砀山", Assert.Single(ds.Prop("items").EnumerateArray()).Prop("title").GetString());

        // Paging: one per page, newest first, following continuation tokens (any status: review moves them on).
        var titles = new List<string>();
        string? token = null;
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
        do
        {
            var page = await (
                await yang.GetAsync(
                    $"api/reports?pageSize=1&from={today}&to={today}"
                        + (token is null ? "" : $"&continuationToken={token}")
                )
            ).JsonAsync();
            titles.AddRange(
                page.Prop("items")
                    .EnumerateArray()
                    .Select(r => r.Prop("title").GetString()!)
                    .Where(t => t.Contains(tag))
            );
            token = page.TryGetProperty("continuationToken", out var t) ? t.GetString() : null;
        } while (token is not null);
        Assert.Equal([$"列表测试{tag}-2", $"列表测试{tag}-1", $"列表测试{tag}-0"], titles);

        // Another unit's report cannot be read by id either.
        var dsId = ds.Prop("items")[0].Prop("id").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await yang.GetAsync($"api/reports/{dsId}")).StatusCode);
    }
}

[Collection("app")]
public sealed class TrackingNumbersTests(AppFixture fx)
{
    [Fact]
    public async Task Concurrent_instances_hand_out_unique_numbers_in_blocks()
    {
        // Two "instances" (separate allocators) on one storage, far into a year of their own.
        var clock = new ManualClock(DateTimeOffset.Parse("2091-05-01T00:00:00Z"));
        var a = new InfoFunctions.Submissions.TrackingNumbers(fx.Tables, clock);
        var b = new InfoFunctions.Submissions.TrackingNumbers(fx.Tables, clock);
        var all = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => (i % 2 == 0 ? a : b).NextAsync(default)));
        Assert.Equal(400, all.Distinct().Count());
        Assert.All(all, n => Assert.StartsWith("2091-", n));
        // Each instance reserved whole blocks: at most 400/50 + 2 blocks in all.
        var high = (
            await fx
                .Tables.GetTableClient(StorageNames.Tables.Counters)
                .GetEntityAsync<Azure.Data.Tables.TableEntity>("tracking", "2091")
        ).Value.GetInt64("Next");
        Assert.InRange(high!.Value, 401, 1 + 50 * 10);
    }
}
