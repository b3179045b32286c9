using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using InfoFunctions.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace InfoFunctions.Tests.Notifications;

/// <summary>Which sender the settings choose, and the portal link in Azure without a custom domain.</summary>
public sealed class SenderSelectionTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new BlobServiceClient("UseDevelopmentStorage=true"))
            .AddSingleton(new QueueServiceClient("UseDevelopmentStorage=true"))
            .AddNotifications(config)
            .BuildServiceProvider();
    }

    private static string PortalUrl(IServiceProvider sp) =>
        sp.GetRequiredService<IOptions<NotificationOptions>>().Value.PortalUrl;

    [Theory]
    [InlineData("", "", "outbox")]
    [InlineData("SG.key", "", "sendgrid")]
    [InlineData("", "smtp.exmail.qq.com", "smtp")]
    public void Settings_choose_the_sender(string sendGridKey, string smtpHost, string expected)
    {
        using var sp = Services(("Notifications:SendGridApiKey", sendGridKey), ("Notifications:SmtpHost", smtpHost));
        Assert.Equal(expected, sp.GetRequiredService<IEmailSender>().Name);
    }

    [Fact]
    public void A_SendGrid_key_and_an_SMTP_host_together_are_refused()
    {
        using var sp = Services(
            ("Notifications:SendGridApiKey", "SG.key"), ("Notifications:SmtpHost", "smtp.exmail.qq.com"));
        var ex = Assert.Throws<OptionsValidationException>(
            () => sp.GetRequiredService<IOptions<NotificationOptions>>().Value);
        Assert.Contains("只能设置一个", ex.Message);
    }

    [Fact]
    public void Without_a_portal_url_links_use_the_platforms_host_name_in_any_cloud()
    {
        using var sp = Services(("Notifications:PortalUrl", ""), ("WEBSITE_HOSTNAME", "func-abc.chinacloudsites.cn"));
        Assert.Equal("https://func-abc.chinacloudsites.cn", PortalUrl(sp));
        using var custom = Services(
            ("Notifications:PortalUrl", "https://xinxi.example.gov.cn"),
            ("WEBSITE_HOSTNAME", "func-abc.azurewebsites.net"));
        Assert.Equal("https://xinxi.example.gov.cn", PortalUrl(custom));
    }
}
