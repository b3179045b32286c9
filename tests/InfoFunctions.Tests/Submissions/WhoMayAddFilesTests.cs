using System.Net;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Submissions;

/// <summary>
/// Files are added by the report's unit while the text is theirs, and by its editor while editing; a leader of
/// the office, another editor or an author after the editor took over gets a problem and nothing is added.
/// </summary>
[Collection("app")]
public sealed class WhoMayAddFilesTests(AppFixture fx)
{
    private static async Task<string> CodeAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await response.JsonAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {problem}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("detail").GetString());
        return problem.GetProperty("code").GetString()!;
    }

    private static Task<HttpResponseMessage> RequestAsync(HttpClient client, string id) =>
        client.PostJsonAsync($"api/reports/{id}/uploads", new { fileName = "现场.jpg", size = 1000 });

    [Fact]
    public async Task Only_the_unit_in_editable_states_and_the_editor_while_editing_add_files()
    {
        using var officer = await ClientAsync(fx, YangFan);
        using var leader = await ClientAsync(fx, GaoJianguo);
        using var zhou = await ClientAsync(fx, ZhouMingyuan);
        var id = await SubmitAsync(officer, "埇桥区人大代表走访企业" + Guid.NewGuid().ToString("N")[..4], WalkBody("13"));
        var etag = await WaitForStatusAsync(officer, id, "awaitingEdit");
        var editorId = (await GetAsync(officer, id)).Report.GetProperty("editorId").GetString()!;
        using var editor = await ClientAsync(fx, editorId);
        using var otherEditor = await ClientAsync(fx, new[] { LinXiaowen, HeJiarui }.First(x => x != editorId));

        // A leader reads every unit's reports but adds files to none.
        Assert.Equal("cannot-add-files", await CodeAsync(await RequestAsync(leader, id), HttpStatusCode.Forbidden));
        // The author may while the report waits for its editor; a ticket taken then cannot be used once editing
        // has started.
        var ticket = await RequestAsync(officer, id);
        Assert.Equal(HttpStatusCode.Created, ticket.StatusCode);
        var confirm = (await ticket.JsonAsync()).GetProperty("confirmUrl").GetString()!.TrimStart('/');
        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        Assert.Equal("attachments-closed", await CodeAsync(await officer.PostAsync(confirm, null),
            HttpStatusCode.Conflict));
        Assert.Equal("attachments-closed", await CodeAsync(await RequestAsync(officer, id), HttpStatusCode.Conflict));
        Assert.Equal("cannot-add-files",
            await CodeAsync(await RequestAsync(otherEditor, id), HttpStatusCode.Forbidden));
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(editor, id)).StatusCode);

        etag = await OkAsync(editor, id, etag, "submitForReview", "awaitingReview");
        etag = await OkAsync(zhou, id, etag, "approve", "awaitingSignOff");
        etag = await OkAsync(leader, id, etag, "signOff", "signedOff");
        etag = await OkAsync(editor, id, etag, "forward", "forwarded",
            new { carriers = new[] { new { carrierId = "ah-web" } } });
        await OkAsync(editor, id, etag, "adopt", "adopted", new
        {
            adoption = new
            {
                carrierId = "ah-web",
                adoptedOn = Today
            }
        });

        // Adopted: the author (and the editor) may no longer add anything.
        Assert.Equal("attachments-closed", await CodeAsync(await RequestAsync(officer, id), HttpStatusCode.Conflict));
        Assert.Equal("attachments-closed", await CodeAsync(await RequestAsync(editor, id), HttpStatusCode.Conflict));
        Assert.Empty((await GetAsync(officer, id)).Report.GetProperty("attachments").EnumerateArray());
    }
}
