using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using InfoFunctions.Tests.Infrastructure;
using Xunit;

namespace InfoFunctions.Tests.DirectoryFeature;

/// <summary>Helpers for the directory's HTTP tests: unique codes (the app fixture is shared) and tokens.</summary>
internal static class DirectoryTestData
{
    public static string Uid() => Guid.NewGuid().ToString("N")[..8];

    public static async Task<JsonElement> CreateAsync(HttpClient admin, string url, object body)
    {
        var r = await admin.PostJsonAsync(url, body);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.Created, $"POST {url} -> {(int)r.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> CreateUnitAsync(
        HttpClient admin,
        string id,
        string level = "county",
        string? parentId = null
    ) =>
        CreateAsync(
            admin,
            "api/units",
            new
            {
                id,
                name = $"测试单位{id}",
                level,
                parentId,
            }
        );

    public static Task<JsonElement> CreatePersonAsync(
        HttpClient admin,
        string id,
        string unitId,
        params string[] roles
    ) =>
        CreateAsync(
            admin,
            "api/people",
            new
            {
                id,
                name = $"测试{id}",
                email = $"{id}@example.org",
                unitId,
                roles,
            }
        );

    /// <summary>A personal access token for a person, issued by the bootstrap admin.</summary>
    public static async Task<string> TokenForAsync(HttpClient admin, string personId)
    {
        var r = await admin.PostJsonAsync(
            "api/tokens",
            new
            {
                personId,
                label = "directory tests",
                expiresInDays = 1,
            }
        );
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await r.JsonAsync()).GetProperty("token").GetString()!;
    }

    public static HttpContent File(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
