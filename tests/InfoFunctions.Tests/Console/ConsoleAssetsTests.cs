using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using InfoFunctions.Tests.Infrastructure;
using Xunit;

namespace InfoFunctions.Tests.Console;

/// <summary>
/// How the app serves the console: the page at the root, revalidated on every visit; content-hashed
/// assets cached for a year; gzip to browsers that accept it; no sign-in for either.
/// </summary>
[Collection("console")]
public sealed partial class ConsoleAssetsTests(ConsoleFixture fx)
{
    private async Task<(HttpResponseMessage Page, List<string> Assets)> PageAsync()
    {
        using var client = fx.App.CreateClient();
        var page = await client.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        return (page, AssetRef().Matches(html).Select(m => m.Groups[1].Value).ToList());
    }

    [Fact]
    public async Task The_page_is_served_at_the_root_and_always_revalidated()
    {
        var (page, assets) = await PageAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.True(page.Headers.CacheControl!.NoCache);
        Assert.NotNull(page.Headers.ETag);
        var policy = string.Join(" ", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        // Thumbnails and large uploads talk to Blob Storage directly, and only to it.
        Assert.Contains(fx.App.Blobs.Uri.GetLeftPart(UriPartial.Authority), policy);
        Assert.Equal(2, assets.Count);
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_and_sent_gzipped_when_accepted()
    {
        var (_, assets) = await PageAsync();
        using var client = fx.App.CreateClient();
        foreach (var asset in assets)
        {
            Assert.Matches(@"^/assets/[a-z]+-[A-Z0-9]{8}\.(js|css)$", asset);
            var plain = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", plain.Headers.CacheControl!.ToString());
            Assert.Empty(plain.Content.Headers.ContentEncoding);
            var identity = await plain.Content.ReadAsByteArrayAsync();

            var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
            var zipped = await client.SendAsync(request);
            Assert.Equal("gzip", Assert.Single(zipped.Content.Headers.ContentEncoding));
            Assert.Contains("Accept-Encoding", zipped.Headers.Vary);
            var compressed = await zipped.Content.ReadAsByteArrayAsync();
            Assert.True(compressed.Length < identity.Length / 2,
                $"{asset}: {compressed.Length} of {identity.Length} bytes");
            using var gunzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            var unzipped = new MemoryStream();
            await gunzip.CopyToAsync(unzipped);
            Assert.Equal(identity, unzipped.ToArray());

            var refused = new HttpRequestMessage(HttpMethod.Get, asset);
            refused.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip;q=0");
            Assert.Empty((await client.SendAsync(refused)).Content.Headers.ContentEncoding);
        }
    }

    [Fact]
    public async Task A_current_copy_is_not_sent_again()
    {
        var (page, assets) = await PageAsync();
        using var client = fx.App.CreateClient();
        var assetTag = (await client.GetAsync(assets[0])).Headers.ETag!.Tag;
        foreach (var (url, etag) in new[] { ("/", page.Headers.ETag!.Tag), (assets[0], assetTag) })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task An_unknown_asset_is_a_404_problem_and_other_paths_are_not_the_console()
    {
        using var client = fx.App.CreateClient();
        var missing = await client.GetAsync("/assets/main-00000000.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal("not-found", (await missing.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/reports")).StatusCode);
    }

    [GeneratedRegex("\"(/assets/[^\"]+)\"")]
    private static partial Regex AssetRef();
}
