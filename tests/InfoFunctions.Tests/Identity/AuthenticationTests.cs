using System.Net;
using System.Text;
using InfoFunctions.LocalHost;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
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
        var principal = Convert.ToBase64String(
            Encoding.UTF8.GetBytes(
                """{"auth_typ":"aad","claims":[{"typ":"preferred_username","val":"admin@example.org"}]}"""
            )
        );
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

[Collection("app")]
public sealed class TokenAndEasyAuthTests(AppFixture fx)
{
    private const string EditorId = "demo-lin-xiaowen";

    private static string PrincipalHeader(string email) =>
        Convert.ToBase64String(
            Encoding.UTF8.GetBytes(
                """{"auth_typ":"aad","claims":[{"typ":"name","val":"someone"},"""
                    + $$"""{"typ":"preferred_username","val":"{{email}}"}]}"""
            )
        );

    [Fact]
    public async Task Issued_token_is_shown_once_stored_hashed_and_stops_working_when_revoked()
    {
        using var admin = fx.CreateAdminClient();
        Assert.True((await admin.PostAsync("api/directory/demo", null)).IsSuccessStatusCode);

        var issued = await (
            await admin.PostJsonAsync(
                "api/tokens",
                new
                {
                    personId = EditorId,
                    label = "测试令牌",
                    expiresInDays = 7,
                }
            )
        ).JsonAsync();
        var secret = issued.GetProperty("token").GetString()!;
        var tokenId = issued.GetProperty("tokenId").GetString()!;

        using var editor = fx.CreateClient(secret);
        var me = await (await editor.GetAsync("api/me")).JsonAsync();
        Assert.Equal(EditorId, me.GetProperty("id").GetString());
        Assert.Contains("editor", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // The list never contains the secret; the table holds only its hash.
        var listed = await (await admin.GetAsync("api/tokens")).Content.ReadAsStringAsync();
        Assert.Contains(tokenId, listed);
        Assert.DoesNotContain(secret, listed);
        await foreach (var e in fx.Tables.GetTableClient("tokens").QueryAsync<Azure.Data.Tables.TableEntity>())
            Assert.DoesNotContain(e, kv => kv.Value?.ToString() == secret);

        // An editor is not an admin.
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("api/tokens")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/tokens/{tokenId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await editor.GetAsync("api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("api/tokens/0000000000000000")).StatusCode);
    }

    [Fact]
    public async Task Token_for_an_unknown_person_or_with_bad_expiry_is_refused()
    {
        using var admin = fx.CreateAdminClient();
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await admin.PostJsonAsync("api/tokens", new { personId = "nobody-" + Guid.NewGuid() })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await admin.PostJsonAsync("api/tokens", new { personId = EditorId, expiresInDays = 0 })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await admin.PostAsync("api/tokens", new StringContent("{not json", Encoding.UTF8, "application/json"))
            ).StatusCode
        );
    }

    [Fact]
    public async Task With_easy_auth_on_the_platform_principal_maps_to_a_directory_person()
    {
        using (var admin = fx.CreateAdminClient())
            Assert.True((await admin.PostAsync("api/directory/demo", null)).IsSuccessStatusCode);
        var email = (await (await fx.CreateAdminClient().GetAsync($"api/people/{EditorId}")).JsonAsync())
            .GetProperty("email")
            .GetString()!;

        await using var app = await fx.StartAppAsync(
            new Dictionary<string, string?> { ["Auth__EasyAuthEnabled"] = "true" }
        );
        using var client = app.CreateClient();

        var known = new HttpRequestMessage(HttpMethod.Get, "api/me");
        known.Headers.Add("X-MS-CLIENT-PRINCIPAL", PrincipalHeader(email.ToUpperInvariant()));
        var me = await (await client.SendAsync(known)).JsonAsync();
        Assert.Equal(EditorId, me.GetProperty("id").GetString());

        var stranger = new HttpRequestMessage(HttpMethod.Get, "api/me");
        stranger.Headers.Add("X-MS-CLIENT-PRINCIPAL", PrincipalHeader("stranger@example.org"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(stranger)).StatusCode);

        var garbage = new HttpRequestMessage(HttpMethod.Get, "api/me");
        garbage.Headers.Add("X-MS-CLIENT-PRINCIPAL", "%%%not-base64");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(garbage)).StatusCode);
    }
}

/// <summary>With Easy Auth on, a sign-in header that cannot be read is a 401 problem, never a 500.</summary>
[Collection("app")]
public sealed class MalformedPrincipalTests(AppFixture fx)
{
    [Fact]
    public async Task A_malformed_principal_gets_401_invalid_principal()
    {
        string[] headers =
        [
            "%%%not-base64",
            "eyJjbGFpbXMiOg==", // {"claims":
            "WzEsMiwzXQ==", // [1,2,3]
            "eyJjbGFpbXMiOjF9", // {"claims":1}
            "eyJjbGFpbXMiOlsxLDJdfQ==", // {"claims":[1,2]}
            "eyJjbGFpbXMiOlt7InR5cCI6ImVtYWlsIiwidmFsIjo3fV19", // an email claim whose value is a number
        ];
        await using var app = await fx.StartAppAsync(
            new Dictionary<string, string?> { ["Auth__EasyAuthEnabled"] = "true" }
        );
        using var client = app.CreateClient();
        foreach (var header in headers)
            foreach (var route in new[] { "api/me", "api/reports", "api/tokens" })
            {
                var request = new HttpRequestMessage(HttpMethod.Get, route);
                request.Headers.TryAddWithoutValidation("X-MS-CLIENT-PRINCIPAL", header);
                var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("invalid-principal", (await response.JsonAsync()).GetProperty("code").GetString());
            }
    }

    [Fact]
    public async Task An_email_claim_with_control_characters_or_too_long_is_refused()
    {
        await using var app = await fx.StartAppAsync(
            new Dictionary<string, string?> { ["Auth__EasyAuthEnabled"] = "true" }
        );
        using var client = app.CreateClient();
        foreach (var email in new[] { "yang\u0000fan@example.org", new string('a', 300) + "@example.org" })
        {
            var json = "{\"claims\":[{\"typ\":\"email\",\"val\":\"" + email + "\"}]}";
            var request = new HttpRequestMessage(HttpMethod.Get, "api/me");
            request.Headers.TryAddWithoutValidation(
                "X-MS-CLIENT-PRINCIPAL",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(json))
            );
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("invalid-principal", (await response.JsonAsync()).GetProperty("code").GetString());
        }
    }
}

/// <summary>The principal cache's documented trade-off, across two instances on one storage account.</summary>
public sealed class PrincipalCacheTests
{
    [Fact]
    public async Task Revocation_applies_at_once_where_made_and_within_the_ttl_elsewhere()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        void UseClock(IServiceCollection s) => s.AddSingleton<TimeProvider>(clock);
        var settings = new Dictionary<string, string?> { ["Auth__CacheSeconds"] = "30" };
        await using var a = await TestApp.StartAsync(azurite.ConnectionString, settings, UseClock);
        await using var b = await TestApp.StartAsync(azurite.ConnectionString, settings, UseClock);

        using var admin = a.CreateAdminClient();
        Assert.True((await admin.PostAsync("api/directory/demo", null)).IsSuccessStatusCode);
        var issued = await (await admin.PostJsonAsync("api/tokens", new { personId = "demo-lin-xiaowen" })).JsonAsync();
        var secret = issued.GetProperty("token").GetString()!;
        using var onA = a.CreateClient(secret);
        using var onB = b.CreateClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("api/me")).StatusCode);

        Assert.Equal(
            HttpStatusCode.NoContent,
            (await admin.DeleteAsync($"api/tokens/{issued.GetProperty("tokenId").GetString()}")).StatusCode
        );
        Assert.Equal(HttpStatusCode.Unauthorized, (await onA.GetAsync("api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("api/me")).StatusCode);

        clock.Now = clock.Now.AddSeconds(31);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("api/me")).StatusCode);
    }
}
