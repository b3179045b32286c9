using InfoFunctions.Review;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Submissions;
using Xunit;

namespace InfoFunctions.Tests.Review;

/// <summary>
/// Whether an active carrier prints photos is asked for every report, so an instance keeps the answer for
/// <see cref="FormatChecks.RememberFor"/>: a change to the carriers applies to the checks within 30 s.
/// </summary>
public sealed class CaptionRuleMemoryTests(UploadClockFixture fx) : IClassFixture<UploadClockFixture>
{
    [Fact]
    public async Task Carriers_that_stop_printing_photos_stop_requiring_captions_once_30_s_have_passed()
    {
        using var admin = fx.App.CreateAdminClient();
        async Task<bool> CaptionsRequiredAsync()
        {
            var draft = new { title = "萧县人大常委会召开座谈会", body = ReviewTestSupport.WalkBody("31"), images = 1 };
            var checks = await (await admin.PostJsonAsync("api/review/checks", draft)).JsonAsync();
            return checks.GetProperty("captionsRequired").GetBoolean();
        }

        Assert.True(await CaptionsRequiredAsync());
        var printing = (await (await admin.GetAsync("api/carriers")).JsonAsync()).EnumerateArray()
            .Where(c => c.GetProperty("requiresCaptions").GetBoolean())
            .Select(c => c.GetProperty("id").GetString()!)
            .ToList();
        Assert.NotEmpty(printing);
        foreach (var id in printing)
            Assert.True((await admin.PostAsync($"api/carriers/{id}/deactivate", null)).IsSuccessStatusCode);

        fx.Clock.Now += FormatChecks.RememberFor - TimeSpan.FromSeconds(1);
        Assert.True(await CaptionsRequiredAsync()); // the answer this instance keeps
        fx.Clock.Now += TimeSpan.FromSeconds(2);
        Assert.False(await CaptionsRequiredAsync()); // asked again: no active carrier prints photos
    }
}
