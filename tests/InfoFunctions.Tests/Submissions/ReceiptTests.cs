using System.Net;
using InfoFunctions.Tests.DirectoryFeature;
using InfoFunctions.Tests.Infrastructure;
using MimeKit;
using Xunit;

namespace InfoFunctions.Tests.Submissions;

/// <summary>Locally, without a SendGrid key, a submission's receipt lands in the outbox as a real email.</summary>
[Collection("app")]
public sealed class ReceiptTests(AppFixture fx)
{
    [Fact]
    public async Task An_api_submission_leaves_its_receipt_in_the_outbox()
    {
        using var admin = fx.CreateAdminClient();
        Assert.True((await admin.PostAsync("api/directory/demo", null)).IsSuccessStatusCode);
        using var officer = fx.CreateClient(await DirectoryTestData.TokenForAsync(admin, "demo-zheng-lu"));

        var created = await officer.PostJsonAsync("api/reports", new
        {
            title = "市发改委召开重点项目推进会",
            body = "近日，市发展和改革委员会召开重点项目推进会，梳理全市在建项目进展，研究解决用地、资金等难题。",
            category = "dailyNews",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tracking = (await created.JsonAsync()).GetProperty("trackingNumber").GetString()!;

        string? id = null;
        await Eventually.HoldsAsync(async () =>
        {
            var list = await (await admin.GetAsync("api/notifications/outbox")).JsonAsync();
            id = list.EnumerateArray().Where(x => x.GetProperty("idempotencyKey").GetString() == $"receipt:{tracking}")
                .Select(x => x.GetProperty("id").GetString()).FirstOrDefault();
            return id is not null;
        }, "receipt in the outbox");

        var eml = await (await admin.GetAsync($"api/notifications/outbox/{id}")).Content.ReadAsStreamAsync();
        var message = await MimeMessage.LoadAsync(eml);
        Assert.Equal("zheng.lu@example.org", message.To.Mailboxes.Single().Address);
        Assert.Contains(tracking, message.TextBody);
        Assert.Contains("市发改委召开重点项目推进会", message.TextBody);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
    }
}
