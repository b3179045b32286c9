using System.Net;
using System.Text.Json;
using Azure;
using InfoFunctions.Hosting;
using InfoFunctions.Tests.Infrastructure;
using Xunit;

namespace InfoFunctions.Tests.Host;

/// <summary>
/// The gate every HTTP function runs through: declared access, and problem+json for whatever escapes.
/// </summary>
[Collection("app")]
public sealed class HttpGateTests(AppFixture fx)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task An_unexpected_exception_answers_500_problem_with_a_correlation_id()
    {
        var response = await fx.CreateClient().GetAsync("api/test/throws");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("internal-error", problem.GetProperty("code").GetString());
        var id = problem.GetProperty("correlationId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Contains(id, problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("probe bug", problem.GetRawText()); // the exception stays in the log
    }

    [Fact]
    public async Task A_body_over_the_servers_limit_answers_413_problem()
    {
        // Kestrel's default limit is 30,000,000 bytes; the function reads the body and Kestrel stops it.
        // Expect: 100-continue lets the server refuse before the client sends 30 MB into a closed connection.
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/test/body")
        {
            Content = new ByteArrayContent(new byte[30_000_001]),
        };
        request.Headers.ExpectContinue = true;
        var response = await fx.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request-too-large", (await ProblemAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Declared_roles_are_enforced_before_the_function_runs()
    {
        var anonymous = await fx.CreateClient().GetAsync("api/test/editors");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("unauthenticated", (await ProblemAsync(anonymous)).GetProperty("code").GetString());

        var admin = await fx.CreateAdminClient().GetAsync("api/test/editors"); // the bootstrap admin is no editor
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Contains("编辑", (await ProblemAsync(admin)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(0, true)] // no answer: refused, reset or timed out
    [InlineData(503, true)] // server busy
    [InlineData(500, true)]
    [InlineData(404, false)] // an answer about the request is the caller's business, not an outage
    [InlineData(409, false)]
    public void Storage_failures_that_mean_no_answer_are_told_apart(int status, bool unavailable) =>
        Assert.Equal(unavailable, Failures.IsStorageUnavailable(new RequestFailedException(status, "probe")));

    [Fact]
    public void Retries_running_out_on_an_outage_count_as_unavailable() =>
        Assert.True(
            Failures.IsStorageUnavailable(
                new AggregateException(
                    new RequestFailedException(0, "refused"),
                    new RequestFailedException(0, "refused")
                )
            )
        );
}
