using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfoFunctions.Notifications;
using Xunit;

namespace InfoFunctions.Tests.Notifications;

public sealed partial class TemplateRenderingTests
{
    private readonly TemplateRenderer _renderer = new();

    public static TheoryData<string> AllTemplates() => new(Templates.All.Select(t => t.Name));

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    private static JsonObject Data(string template)
    {
        var data = NotificationMessage
            .Create("k", template, NotificationTo.Address("a@example.org"), NotificationTestData.For(template))
            .Data;
        data["recipientName"] = "张三";
        data["platformName"] = "人大信息工作平台";
        data["portalUrl"] = "https://xinxi.example.org";
        return data;
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void Every_template_renders_Chinese_with_no_placeholder_left(string template)
    {
        var email = _renderer.Render(template, Data(template));

        foreach (var (part, text) in new[] { ("subject", email.Subject), ("text", email.Text), ("html", email.Html) })
        {
            Assert.True(Chinese().IsMatch(text), $"{template} {part} has no Chinese");
            Assert.DoesNotContain("{{", text);
            Assert.DoesNotContain("}}", text);
        }
        Assert.DoesNotContain('\n', email.Subject);
        Assert.Contains("张三同志", email.Text);
        Assert.Contains("张三同志", email.Html);
        Assert.StartsWith("<!DOCTYPE html>", email.Html);
        Assert.Contains("人大信息工作平台", email.Html);
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void Every_template_fails_loudly_when_data_is_missing(string template)
    {
        var data = Data(template);
        // Drop the template's first own field: the notice must not go out half-filled.
        var first = data.Select(p => p.Key).First(k => k is not ("recipientName" or "platformName" or "portalUrl"));
        data.Remove(first);
        var ex = Assert.Throws<TemplateRenderException>(() => _renderer.Render(template, data));
        Assert.Contains(first, ex.Message);
    }

    [Fact]
    public void Receipt_carries_the_tracking_number_in_subject_and_body()
    {
        var email = _renderer.Render(Templates.Receipt, Data(Templates.Receipt));
        Assert.Equal(
            "【收稿回执】《埇桥区人大常委会开展农村人居环境整治专题调研》已收到，编号 XX-2025-0137",
            email.Subject
        );
        Assert.Contains("稿件编号：XX-2025-0137", email.Text);
    }

    [Fact]
    public void Lists_render_every_item_in_text_and_html()
    {
        var email = _renderer.Render(Templates.IntakeChecksFailed, Data(Templates.IntakeChecksFailed));
        Assert.Contains("  - 标题超过 30 字，请精简\n", email.Text);
        Assert.Contains("  - 附件应为 .docx 格式，请勿使用扫描件\n", email.Text);
        Assert.Contains("<li>正文缺少报送单位和联系人</li>", email.Html);

        var statement = _renderer.Render(Templates.HalfYearStatement, Data(Templates.HalfYearStatement));
        Assert.Contains("《泗县人大常委会推进工作评议》 《代表之声》2025年第3期：20 分，200.00 元", statement.Text);
        Assert.Contains("合计：25 分，奖励 250.00 元。", statement.Text);
    }

    [Fact]
    public void Item_fields_shadow_top_level_fields_inside_each()
    {
        var email = _renderer.Render(Templates.DispatchReportReady, Data(Templates.DispatchReportReady));
        Assert.Contains("全市共报送信息 126 篇", email.Text);
        Assert.Contains("1. 埇桥区人大常委会：报送 21 篇，采用 9 篇", email.Text);
    }

    [Fact]
    public void If_else_picks_the_branch_by_data()
    {
        var done = _renderer.Render(Templates.YearEndAssessment, Data(Templates.YearEndAssessment));
        Assert.Contains("具备评先评优资格", done.Text);
        Assert.DoesNotContain("不具备", done.Text);

        var data = Data(Templates.YearEndAssessment);
        data["completed"] = false;
        var notDone = _renderer.Render(Templates.YearEndAssessment, data);
        Assert.Contains("不具备评先评优资格", notDone.Text);
    }

    [Fact]
    public void Optional_sections_drop_out_without_their_data()
    {
        var data = Data(Templates.ReturnedForRevision);
        data.Remove("dueDate");
        var email = _renderer.Render(Templates.ReturnedForRevision, data);
        Assert.DoesNotContain("修改稿。\n请于", email.Text);
        Assert.DoesNotContain("请于", email.Html);
    }

    [Fact]
    public void Values_are_html_encoded_in_html_but_not_in_text()
    {
        var data = Data(Templates.Receipt);
        data["title"] = "<script>alert(1)</script> & “引号”";
        var email = _renderer.Render(Templates.Receipt, data);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; “引号”", email.Html);
        Assert.DoesNotContain("<script>", email.Html);
        Assert.Contains("<script>alert(1)</script> & “引号”", email.Text);
    }

    [Fact]
    public void Unknown_template_is_refused()
    {
        Assert.Throws<TemplateRenderException>(() => _renderer.Render("no-such-template", new JsonObject()));
    }

    [Fact]
    public void Every_template_is_either_mandatory_or_optional_and_statements_are_mandatory()
    {
        Assert.True(Templates.Find(Templates.ReturnedForRevision)!.Mandatory);
        Assert.True(Templates.Find(Templates.HalfYearStatement)!.Mandatory);
        Assert.False(Templates.Find(Templates.TopicReminder)!.Mandatory);
        Assert.Equal(11, Templates.All.Select(t => t.Name).Distinct().Count());
    }
}
