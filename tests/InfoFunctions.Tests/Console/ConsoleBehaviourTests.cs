using System.Text.RegularExpressions;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Review;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace InfoFunctions.Tests.Console;

/// <summary>
/// How the console behaves when things go wrong or are done differently: a stale ETag, a refused
/// field, the keyboard alone, a large file through an upload link, a bad token.
/// </summary>
[Collection("console")]
public sealed class ConsoleBehaviourTests(ConsoleFixture fx)
{
    private static string Body(string topic) =>
        $"近日，埇桥区人大常委会围绕{topic}开展专题调研，先后深入乡镇、村居和企业实地察看，召开座谈会听取基层干部群众和人大代表的意见建议。" +
        $"调研组指出，要坚持问题导向，聚焦{topic}中的突出短板，加大投入力度，完善工作机制，切实把各项措施落到实处，推动{topic}取得新成效。";

    /// <summary>
    /// Also: 秦浩宇 of 砀山县, 杨帆's co-author from another unit, is 待确认 until the editor ticks 确认署名 (from the
    /// keyboard) and saves.
    /// </summary>
    [Fact]
    public async Task A_stale_action_says_so_shows_the_current_state_and_refreshes()
    {
        using var officerApi = fx.Client(ConsoleFixture.Officer);
        var created = await officerApi.PostJsonAsync("api/reports", new
        {
            title = "埇桥区人大常委会调研农村人居环境整治",
            body = Body("农村人居环境整治"),
            category = "dailyNews",
            authors = new[]
            {
                new { personId = ConsoleFixture.Officer },
                new { personId = ConsoleFixture.CountyOfficer }, // 秦浩宇 of 砀山县
            },
        });
        var id = (await created.JsonAsync()).GetProperty("id").GetString()!;
        using var editorApi = fx.Client(ConsoleFixture.Editor);
        await ReviewTestSupport.WaitForStatusAsync(editorApi, id, "awaitingEdit");

        await using var editor = await ConsoleSession.SignInAsync(fx, ConsoleFixture.Editor);
        var page = editor.Page;
        await page.GotoAsync("/#/reports/" + Uri.EscapeDataString(id));
        await Expect(editor.Button("开始编辑")).ToBeVisibleAsync();

        // Someone else acts first; the page still holds the old ETag.
        var (_, etag) = await ReviewTestSupport.GetAsync(editorApi, id);
        await ReviewTestSupport.OkAsync(editorApi, id, etag, "startEdit", "editing");

        await editor.Button("开始编辑").ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("已被他人修改，请刷新");
        await Expect(alert).ToContainTextAsync("当前状态：编辑中");
        await editor.CheckPageAsync("08-editor-stale-412");
        await alert.GetByRole(AriaRole.Button, new() { Name = "刷新" }).ClickAsync();
        await Expect(editor.Status).ToHaveTextAsync("编辑中");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "编辑稿" })).ToBeVisibleAsync();

        // A refusal about one field is shown at that field, and the field says so to assistive technology.
        await page.GetByText("退回修改", new() { Exact = true }).ClickAsync();
        await editor.Button("确认退回修改").ClickAsync();
        var comment = page.GetByLabel("退回意见");
        await Expect(comment).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(comment).ToHaveAccessibleDescriptionAsync(new Regex("退回修改须填写意见或理由"));
        await Expect(editor.Status).ToHaveTextAsync("编辑中");

        // The co-author of another unit is 待确认; the editor ticks 确认署名 from the keyboard and saves.
        var authors = page.GetByRole(AriaRole.Group, new() { Name = "作者" });
        var qin = authors.Locator("li", new() { HasText = "秦浩宇" });
        await Expect(qin).ToContainTextAsync("待确认");
        await Expect(authors.Locator("li", new() { HasText = "杨帆" })).ToContainTextAsync("已确认");
        var confirm = page.GetByRole(AriaRole.Checkbox, new() { Name = "确认署名：秦浩宇" });
        await confirm.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(confirm).ToBeCheckedAsync();
        await editor.CheckPageAsync("08b-editor-confirm-author");
        await editor.Button("保存编辑稿").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已保存编辑稿，已确认署名。");
        await Expect(qin).ToContainTextAsync("已确认");
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "确认署名：秦浩宇" })).ToHaveCountAsync(0);
        var (report, _) = await ReviewTestSupport.GetAsync(editorApi, id);
        Assert.Equal([false, false], report.GetProperty("authors").EnumerateArray()
            .Select(a => a.GetProperty("unconfirmed").GetBoolean()));
        Assert.Equal("秦浩宇", report.GetProperty("authors")[1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_servers_field_errors_sit_beside_their_fields_on_a_phone()
    {
        await using var officer = await ConsoleSession.SignInAsync(fx, ConsoleFixture.Officer, phone: true);
        var page = officer.Page;
        await page.GetByLabel("正文", new() { Exact = true }).FillAsync("正文");
        await officer.Button("报送").ClickAsync();
        var title = page.GetByLabel("标题", new() { Exact = true });
        await Expect(title).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(title).ToHaveAccessibleDescriptionAsync(new Regex("标题不能为空"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("请按标出的提示修改后重试。");
        await Expect(page.GetByText("2 字（80—5000 字，含图片说明）")).ToBeVisibleAsync();
        await officer.CheckPageAsync("09-officer-field-errors-phone");
        // Nothing was stored: the unit's list is still without an untitled report.
        using var officerApi = fx.Client(ConsoleFixture.Officer);
        var list = await (await officerApi.GetAsync("api/reports?q=" + Uri.EscapeDataString("正文"))).JsonAsync();
        Assert.Empty(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Sign_in_and_navigation_work_from_the_keyboard_with_visible_focus()
    {
        await using var s = await ConsoleSession.OpenAsync(fx, "keyboard");
        var page = s.Page;
        await page.GotoAsync("/");
        await Expect(s.Heading("登录信息工作台")).ToBeVisibleAsync();

        // A wrong token: the reason is shown at the token field.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "跳到主要内容" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        var token = page.GetByLabel("访问令牌");
        await Expect(token).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("ifp_not-a-real-token");
        await page.Keyboard.PressAsync("Enter");
        await Expect(token).ToHaveAccessibleDescriptionAsync(new Regex("访问令牌无效"));

        await token.FillAsync("");
        await page.Keyboard.TypeAsync(fx.Token(ConsoleFixture.Officer));
        await page.Keyboard.PressAsync("Enter");
        // The new page's heading takes the focus, so a screen reader announces where the person is.
        await Expect(s.Heading("报送稿件")).ToBeFocusedAsync();

        // Tab through the whole page and round to the top: every control that takes focus shows it,
        // and the navigation is reached and used.
        var (reached, wrapped, seen) = (false, false, 0);
        for (var i = 0; i < 80 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<string[]>("""
                () => {
                  const e = document.activeElement;
                  if (e === document.body) return ['BODY', 'true'];
                  const shown = (x) => {
                    const s = getComputedStyle(x);
                    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
                  };
                  // A file input hides behind its label, which shows the focus instead.
                  const ok = shown(e) || (e.type === 'file' && shown(e.closest('.dropzone').querySelector('label')));
                  return [e.tagName + ' ' + (e.textContent || e.id).trim().slice(0, 20), String(ok)];
                }
                """);
            if (focus[0] == "BODY") { wrapped = true; continue; }
            seen++;
            Assert.True(focus[1] == "true", $"no visible focus on {focus[0]}");
            reached = wrapped && focus[0] == "A 本单位稿件";
        }
        Assert.True(seen > 8, $"only {seen} controls took the focus");
        Assert.True(reached, "the navigation was not reached by Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(s.Heading("本单位稿件")).ToBeFocusedAsync();
        s.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_large_file_dropped_on_the_form_goes_up_through_an_upload_link_with_progress()
    {
        await using var officer = await ConsoleSession.SignInAsync(fx, ConsoleFixture.Officer, phone: true);
        var page = officer.Page;
        const string title = "埇桥区人大常委会报送城乡供水一体化调研全文";
        await page.GetByLabel("标题", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("正文", new() { Exact = true }).FillAsync(Body("城乡供水一体化"));
        // Drag and drop a 5 MB PDF onto the documents area, as a file manager would.
        var transfer = await page.EvaluateHandleAsync("""
            () => {
              const bytes = new Uint8Array(5 * 1024 * 1024).fill(32);
              bytes.set(new TextEncoder().encode('%PDF-1.4\n'), 0);
              bytes.set(new TextEncoder().encode('\n%%EOF\n'), bytes.length - 7);
              const dt = new DataTransfer();
              dt.items.add(new File([bytes], '城乡供水调研全文.pdf', { type: 'application/pdf' }));
              return dt;
            }
            """);
        await page.GetByRole(AriaRole.Group, new() { Name = "文档附件" }).Locator(".dropzone")
            .DispatchEventAsync("drop", new { dataTransfer = transfer });
        await Expect(page.GetByText("城乡供水调研全文.pdf（5.0 MB）")).ToBeVisibleAsync();
        await officer.Button("报送").ClickAsync();

        await Expect(page.GetByText("报送成功")).ToBeVisibleAsync();
        var bar = page.GetByRole(AriaRole.Progressbar);
        await Expect(bar).ToHaveAttributeAsync("value", "100");
        await Expect(page.Locator(".success .files")).ToContainTextAsync("已上传");
        await officer.CheckPageAsync("10-officer-large-upload-phone");

        await officer.Link("查看稿件").ClickAsync();
        await Expect(page.Locator(".attachments")).ToContainTextAsync("城乡供水调研全文.pdf");
        await Expect(page.Locator(".attachments")).ToContainTextAsync("5.0 MB");
    }

    [Fact]
    public async Task Mail_from_an_unknown_sender_is_claimed_for_a_person_by_the_editor()
    {
        var subject = "灵璧县某镇人大组织代表开展述职活动" + Guid.NewGuid().ToString("N")[..4];
        await ConsoleData.PostMailAsync(fx, "wang.xiaoming@unknown.example.com", "王晓明", subject,
            "某镇人大组织十二名代表向选民述职，接受选民评议。");
        using var editorApi = fx.Client(ConsoleFixture.Editor);
        await Eventually.HoldsAsync(
            async () => (await editorApi.GetStringAsync("api/mailbox/quarantine")).Contains(subject),
            "the mail is quarantined");

        await using var editor = await ConsoleSession.SignInAsync(fx, ConsoleFixture.Editor);
        await editor.NavAsync("邮箱待认领");
        var card = editor.Page.Locator("li.card", new() { HasText = subject });
        await Expect(card).ToContainTextAsync("wang.xiaoming@unknown.example.com");
        await card.GetByLabel("归属人员").SelectOptionAsync(new SelectOptionValue { Label = "杨帆（埇桥区人大常委会）" });
        await editor.CheckPageAsync("11-editor-quarantine");
        await card.GetByRole(AriaRole.Button, new() { Name = "认领为稿件" }).ClickAsync();
        await Expect(editor.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("已认领，收稿编号");
        await Expect(editor.Page.Locator("li.card", new() { HasText = subject })).ToHaveCountAsync(0);
        await editor.Page.GetByRole(AriaRole.Status).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(editor.Heading(subject)).ToBeVisibleAsync();
    }
}
