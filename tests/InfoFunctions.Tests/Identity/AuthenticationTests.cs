using System.Net;
using System.Text;
using InfoFunctions.Tests.Infrastructure;
using Xunit;

namespace InfoFunctions.Tests.Identity;

[Collection("app")]
public sealed class AuthenticationTests(AppFixture fx)
{
    [Fact]
    public async Task Health_is_open()
    {
        using var client = fx.CreateClient();
        var response = await client.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.JsonAsync()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ifp_forged-token-that-was-never-issued")]
    [InlineData("something-else-entirely")]
    public async Task Missing_or_forged_credentials_get_401_problem(string? bearer)
    {
        using var client = fx.CreateClient(bearer);
        var response = await client.GetAsync("api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Easy_auth_header_is_ignored_unless_easy_auth_is_on()
    {
        using var client = fx.CreateClient();
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","claims":[{"typ":"preferred_username","val":"admin@example.org"}]}"""));
        var request = new HttpRequestMessage(HttpMethod.Get, "api/me");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Bootstrap_token_acts_as_admin()
    {
        using var client = fx.CreateAdminClient();
        var me = await (await client.GetAsync("api/me")).JsonAsync();
        Assert.Contains("admin", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }
}
