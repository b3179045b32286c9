using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Console;

/// <summary>Reports the office pages need, made through the public API as the office would.</summary>
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
        etag = await OkAsync(signer, id, etag, "approve", "awaitingSignOff");
        etag = await OkAsync(signer, id, etag, "signOff", "signedOff");
        if (adopt)
        {
            etag = await OkAsync(editor, id, etag, "forward", "forwarded",
                new { carriers = new[] { new { carrierId = "sz-rd" } } });
            await OkAsync(editor, id, etag, "adopt", "adopted", new
            {
                adoption = new
                {
                    carrierId = "sz-rd", adoptedOn = BeijingToday().ToString("yyyy-MM-dd"), issue = "2026年第11期",
                    endorsementLevel = endorsement is null ? null : "市级",
                    endorsedBy = endorsement is null ? null : "市人大常委会主任", endorsementText = endorsement,
                },
            });
        }
        var (report, _) = await GetAsync(officer, id);
        return (id, report.GetProperty("trackingNumber").GetString()!);
    }

    public static DateOnly BeijingToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
}
