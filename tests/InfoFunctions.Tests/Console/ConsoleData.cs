using System.Net;
using System.Text;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Console;

/// <summary>Reports and mail the console's pages need, made through the public API as the office (or the mail
/// provider) would.</summary>
public static class ConsoleData
{
    /// <summary>
    /// A report of 砀山县 (秦浩宇), naming <paramref name="word"/> in its body, taken to <c>signedOff</c>, or on to
    /// adoption by 《宿州人大》 today (Beijing) when <paramref name="adopt"/>, with a 批示 when
    /// <paramref name="endorsement"/> is given. Returns its id and tracking number.
    /// </summary>
    public static async Task<(string Id, string Tracking)> ReportAsync(ConsoleFixture fx, string title, string word,
        bool adopt, string? endorsement = null)
    {
        using var officer = fx.Client(ConsoleFixture.CountyOfficer);
        using var editor = fx.Client(ConsoleFixture.Editor);
        using var signer = fx.Client(ConsoleFixture.Signer);
        var id = await SubmitAsync(officer, title, WalkBody("18").Replace("座谈会上，", $"座谈会上，代表们谈到{word}，"));
        var etag = await WaitForStatusAsync(editor, id, "awaitingEdit");
        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        etag = await OkAsync(editor, id, etag, "submitForReview", "awaitingReview");
        etag = await OkAsync(editor, id, etag, "approve", "awaitingSignOff"); // not the signer: he signs it off
        etag = await OkAsync(signer, id, etag, "signOff", "signedOff");
        if (adopt)
        {
            etag = await OkAsync(editor, id, etag, "forward", "forwarded",
                new { carriers = new[] { new { carrierId = "sz-rd" } } });
            await OkAsync(editor, id, etag, "adopt", "adopted", new
            {
                adoption = new
                {
                    carrierId = "sz-rd",
                    adoptedOn = BeijingToday().ToString("yyyy-MM-dd"),
                    issue = "2026年第11期",
                    endorsementLevel = endorsement is null ? null : "市级",
                    endorsedBy = endorsement is null ? null : "市人大常委会主任",
                    endorsementText = endorsement,
                },
            });
        }
        var (report, _) = await GetAsync(officer, id);
        return (id, report.GetProperty("trackingNumber").GetString()!);
    }

    public static DateOnly BeijingToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    /// <summary>
    /// A plain-text mail as the provider posts it to the inbound webhook (raw MIME, SPF pass) with
    /// <paramref name="headers"/> (CRLF-terminated lines) added; the same <paramref name="messageId"/> twice is one
    /// mail delivered twice. Returns the mail id.
    /// </summary>
    public static async Task<string> PostMailAsync(ConsoleFixture fx, string from, string fromName, string subject,
        string text, string headers = "", string? messageId = null)
    {
        static string Encoded(string s) => "=?UTF-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(s)) + "?=";
        var mime = $"From: {Encoded(fromName)} <{from}>\r\nTo: xinxi@inbound.example.org\r\n" +
            $"Subject: {Encoded(subject)}\r\nDate: Mon, 30 Nov 2026 09:00:00 +0800\r\n" + headers +
            $"Message-ID: <{messageId ?? Guid.NewGuid().ToString("N")}@mail.example.com>\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: text/plain; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            Convert.ToBase64String(Encoding.UTF8.GetBytes(text), Base64FormattingOptions.InsertLineBreaks) + "\r\n";
        var form = new MultipartFormDataContent
        {
            { new StringContent($$"""{"to":["xinxi@inbound.example.org"],"from":"{{from}}"}"""), "envelope" },
            { new StringContent("pass"), "SPF" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(mime)), "email" },
            { new StringContent("xinxi@inbound.example.org"), "to" },
        };
        using var client = fx.App.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/inbound/mail") { Content = form };
        request.Headers.Add("x-functions-key", TestApp.FunctionKey);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("mailId").GetString()!;
    }
}
