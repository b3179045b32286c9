using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using InfoFunctions.Dispatch;
using InfoFunctions.Notifications;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Submissions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InfoFunctions.Tests.Dispatch;

/// <summary>
/// The 通报 through HTTP on real storage: reports submitted with POST /api/reports, the bulletin generated,
/// listed and downloaded, its Word and XLSX files read back. Other tests share this app, so figures are
/// compared before and after this test's own submissions.
/// </summary>
[Collection("app")]
public sealed class BulletinApiTests(AppFixture fx)
{
    private static JsonElement Unit(JsonElement bulletin, string unitId) =>
        bulletin.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == unitId);

    private static int Category(JsonElement bulletin, string category) =>
        bulletin
            .GetProperty("categories")
            .EnumerateArray()
            .Single(c => c.GetProperty("category").GetString() == category)
            .GetProperty("submitted")
            .GetInt32();

    [Fact]
    public async Task Generate_list_and_download_the_bulletin_and_compile_a_special_issue()
    {
        using var editor = await IntakeTestSupport.ClientForAsync(fx, IntakeTestSupport.LinXiaowen);
        using var yang = await IntakeTestSupport.ClientForAsync(fx, IntakeTestSupport.YangFan);
        using var qin = await IntakeTestSupport.ClientForAsync(fx, IntakeTestSupport.QinHaoyu);
        var period = DispatchPeriod.Containing(DateTimeOffset.UtcNow).Id;

        var before = await (await editor.PostAsync($"api/dispatch/bulletins/{period}/generate", null)).JsonAsync();
        var yqBefore = Unit(before, "yq").GetProperty("submitted").GetInt32();
        var dsBefore = Unit(before, "ds").GetProperty("submitted").GetInt32();
        var researchBefore = Category(before, "comprehensiveResearch");
        var deputiesBefore = before.GetProperty("deputies").GetProperty("submitted").GetInt32();

        var ids = new List<string>();
        foreach (
            var (client, title, category, deputy) in new[]
            {
                (yang, "埇桥区人大常委会开展优化营商环境专题调研", "综合调研", false),
                (yang, "埇桥区代表联络站“三化”建设经验", "典型经验", true),
                (yang, "埇桥区人大常委会召开主任会议", "日常动态", false),
                (qin, "砀山县人大常委会视察酥梨产业发展", "综合调研", false),
            }
        )
        {
            var authors = deputy
                ? new object[]
                {
                    new { personId = client == yang ? "demo-yang-fan" : "demo-qin-haoyu" },
                    new { name = "朱玲玲", isDeputy = true },
                }
                : null;
            var r = await client.PostJsonAsync(
                "api/reports",
                new
                {
                    title,
                    body = title + "。\n第二段正文。",
                    category,
                    authors,
                }
            );
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            ids.Add((await r.JsonAsync()).GetProperty("id").GetString()!);
        }

        var generated = await editor.PostAsync($"api/dispatch/bulletins/{period}/generate", null);
        Assert.Equal(HttpStatusCode.Created, generated.StatusCode);
        var after = await generated.JsonAsync();
        Assert.Equal(yqBefore + 3, Unit(after, "yq").GetProperty("submitted").GetInt32());
        Assert.Equal(dsBefore + 1, Unit(after, "ds").GetProperty("submitted").GetInt32());
        Assert.Equal(researchBefore + 2, Category(after, "comprehensiveResearch"));
        Assert.Equal(deputiesBefore + 1, after.GetProperty("deputies").GetProperty("submitted").GetInt32());
        Assert.Contains(
            "sz-bgs",
            after.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitId").GetString())
        ); // every directory unit is listed
        var yqSubmitted = Unit(after, "yq").GetProperty("submitted").GetInt32().ToString();

        var list = await (await editor.GetAsync("api/dispatch/bulletins")).JsonAsync();
        Assert.Contains(
            list.EnumerateArray(),
            b =>
                b.GetProperty("period").GetString() == period
                && b.GetProperty("docxUrl").GetString() == $"/api/dispatch/bulletins/{period}/docx"
        );
        var json = await (await editor.GetAsync($"api/dispatch/bulletins/{period}")).JsonAsync();
        Assert.Equal(after.GetProperty("generatedAt").GetString(), json.GetProperty("generatedAt").GetString());

        var docx = await editor.GetAsync($"api/dispatch/bulletins/{period}/docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal(BulletinStore.DocxType, docx.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            $"{DispatchPeriod.Containing(DateTimeOffset.UtcNow).ChineseName}信息通报.docx",
            docx.Content.Headers.ContentDisposition?.FileNameStar
        );
        using (
            var doc = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false)
        )
        {
            Assert.Empty(new OpenXmlValidator().Validate(doc));
            var units = BulletinDocumentsTests.WordTable(doc, 0);
            // The demo directory's 简称 in the table and the chart.
            var yq = units.Single(r => r[1] == "埇桥区");
            Assert.Equal(yqSubmitted, yq[2]);
            Assert.Contains("埇桥区", doc.MainDocumentPart!.ChartParts.Single().ChartSpace.InnerText);
            Assert.DoesNotContain("埇桥区人大常委会", doc.MainDocumentPart.ChartParts.Single().ChartSpace.InnerText);
            Assert.Contains(
                DispatchPeriod.Containing(DateTimeOffset.UtcNow).IssueName,
                doc.MainDocumentPart.Document.Body!.InnerText
            );
        }
        var xlsx = await editor.GetAsync($"api/dispatch/bulletins/{period}/xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var x = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
            Assert.Equal(yqSubmitted, BulletinDocumentsTests.SheetRows(x, "单位情况")["yq"][4]);

        // Leaders hear that it is ready (outbox locally).
        var outbox = fx.App.Services.GetRequiredService<Outbox>();
        await Eventually.HoldsAsync(
            async () =>
                (await outbox.ListAsync(1000, default)).Any(e =>
                    e.Template == Templates.DispatchReportReady
                    && e.IdempotencyKey.StartsWith($"bulletin:{period}:", StringComparison.Ordinal)
                    && e.To.Contains("gao.jianguo")
                ),
            "leader email about the bulletin"
        );

        // Officers read neither bulletins nor generate them; bad periods are refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await yang.GetAsync("api/dispatch/bulletins")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await yang.PostAsync($"api/dispatch/bulletins/{period}/generate", null)).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await editor.PostAsync("api/dispatch/bulletins/2026-P9/generate", null)).StatusCode
        );
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("api/dispatch/bulletins/2001-P1")).StatusCode);

        // 信息专刊 from two of the reports.
        var issue = await editor.PostJsonAsync(
            "api/dispatch/special-issues",
            new
            {
                issueNumber = 5,
                date = "2026-11-20",
                reportIds = new[] { ids[1], ids[3] },
            }
        );
        Assert.Equal(HttpStatusCode.Created, issue.StatusCode);
        var issueUrl = (await issue.JsonAsync()).GetProperty("docxUrl").GetString()!;
        var issueDoc = await editor.GetAsync(issueUrl.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, issueDoc.StatusCode);
        using (
            var doc = WordprocessingDocument.Open(
                new MemoryStream(await issueDoc.Content.ReadAsByteArrayAsync()),
                false
            )
        )
        {
            Assert.Empty(new OpenXmlValidator().Validate(doc));
            var paragraphs =
                doc.MainDocumentPart!.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
                    .Select(p => p.InnerText)
                    .ToList();
            Assert.Equal(SpecialIssueDocument.Masthead, paragraphs[0]);
            Assert.Equal("2026年第5期（总第5期）", paragraphs[1]);
            Assert.Contains("2026年11月20日", paragraphs[2]);
            Assert.Contains("1. 埇桥区代表联络站“三化”建设经验（埇桥区人大常委会）", paragraphs);
            Assert.Contains("2. 砀山县人大常委会视察酥梨产业发展（砀山县人大常委会）", paragraphs);
            Assert.Contains("（埇桥区人大常委会　杨帆、朱玲玲）", paragraphs);
            Assert.Contains("第二段正文。", paragraphs);
        }
        var bad = await editor.PostJsonAsync(
            "api/dispatch/special-issues",
            new { issueNumber = 6, reportIds = new[] { "yq~00000000000000000000" } }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Targets_are_set_by_editors_and_units_see_their_own_progress()
    {
        using var editor = await IntakeTestSupport.ClientForAsync(fx, IntakeTestSupport.LinXiaowen);
        using var qin = await IntakeTestSupport.ClientForAsync(fx, IntakeTestSupport.QinHaoyu);
        var period = DispatchPeriod.Containing(DateTimeOffset.UtcNow).Id;
        var set = await editor.PutJsonAsync(
            $"api/dispatch/targets/{period}",
            new
            {
                meeting = "第六次调度会",
                targets = new[]
                {
                    new
                    {
                        unitId = "ds",
                        submissions = 1000,
                        adoptions = 10,
                    },
                    new
                    {
                        unitId = "yq",
                        submissions = 8,
                        adoptions = 2,
                    },
                },
            }
        );
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var dsBefore = (await set.JsonAsync())
            .EnumerateArray()
            .Single(t => t.GetProperty("unitId").GetString() == "ds")
            .GetProperty("submitted")
            .GetInt32();

        Assert.Equal(
            HttpStatusCode.Created,
            (
                await qin.PostJsonAsync(
                    "api/reports",
                    new
                    {
                        title = "砀山县人大常委会专题询问",
                        body = "正文。",
                        category = "日常动态",
                    }
                )
            ).StatusCode
        );
        var mine = (await (await qin.GetAsync($"api/dispatch/targets/{period}")).JsonAsync()).EnumerateArray().ToList();
        var ds = Assert.Single(mine); // the officer sees only 砀山县
        Assert.Equal(
            ("ds", 1000, dsBefore + 1),
            (
                ds.GetProperty("unitId").GetString(),
                ds.GetProperty("targetSubmissions").GetInt32(),
                ds.GetProperty("submitted").GetInt32()
            )
        );
        Assert.Equal(Math.Round((dsBefore + 1) / 1000m, 4), ds.GetProperty("submissionProgress").GetDecimal());

        async Task<HttpStatusCode> PutTargetAsync(HttpClient client, string unitId, int submissions, int adoptions) =>
            (await client.PutJsonAsync($"api/dispatch/targets/{period}",
                new { targets = new[] { new { unitId, submissions, adoptions } } })).StatusCode;
        Assert.Equal(HttpStatusCode.Forbidden, await PutTargetAsync(qin, "ds", 1, 0));
        Assert.Equal(HttpStatusCode.BadRequest, await PutTargetAsync(editor, "nowhere", 1, 0));
        Assert.Equal(HttpStatusCode.BadRequest, await PutTargetAsync(editor, "ds", -1, 0));
    }
}
