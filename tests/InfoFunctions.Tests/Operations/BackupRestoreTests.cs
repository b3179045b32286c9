using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using InfoFunctions.LocalHost;
using InfoFunctions.Operations;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InfoFunctions.Tests.Operations;

/// <summary>
/// Backup → wipe → restore through the admin API and the command line, each test on its own throwaway
/// Azurite (they delete everything).
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    // 2026-11-30 03:00 in Beijing: the night is named 2026-11-30.
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 29, 19, 0, 0, TimeSpan.Zero));
    private Azurite _azurite = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync(location: null);
        _app = await TestApp.StartAsync(_azurite.ConnectionString,
            configureServices: s => s.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private const string Restore = "api/admin/backups/2026-11-30/restore";

    private static readonly byte[] Photo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0x10, 0x80];

    /// <summary>The demo network, an entity with every EDM type, and blobs in every kind of container.</summary>
    private async Task SeedAsync()
    {
        using var admin = _app.CreateAdminClient();
        Assert.True((await admin.PostAsync("api/directory/demo", null)).IsSuccessStatusCode);

        var counters = _app.Tables.GetTableClient(StorageNames.Tables.Counters);
        await counters.UpsertEntityAsync(new TableEntity("backup-test", "every-type")
        {
            ["Text"] = "埇桥区人大常委会 «quotes» \"and\" \n newlines",
            ["Flag"] = true,
            ["Small"] = -42,
            ["Big"] = 9_007_199_254_740_993L,
            ["Ratio"] = 0.1 + 0.2,
            ["Whole"] = 2.0,
            ["NotANumber"] = double.NaN,
            ["At"] = new DateTimeOffset(2026, 7, 1, 0, 0, 0, 123, TimeSpan.FromHours(8)),
            ["Id"] = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
            ["Bytes"] = new byte[] { 0, 1, 2, 254, 255 },
            ["Empty"] = "",
        });
        // More than one transaction's worth in one partition.
        static TableTransactionAction Add(int i) =>
            new(TableTransactionActionType.Add, new TableEntity("backup-many", $"{i:D3}") { ["N"] = i });
        await counters.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(Add));
        await counters.SubmitTransactionAsync(Enumerable.Range(100, 50).Select(Add));

        async Task Put(string container, string name, byte[] bytes, string type, Dictionary<string, string>? m = null)
        {
            var c = _app.Blobs.GetBlobContainerClient(container);
            await c.CreateIfNotExistsAsync();
            await c.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = type }, Metadata = m });
        }
        await Put(StorageNames.Containers.Attachments, "r-001/现场照片.png", Photo, "image/png",
            new Dictionary<string, string> { ["uploadedby"] = "p-001" });
        await Put(StorageNames.Containers.Attachments, "r-002/同一张照片.png", Photo, "image/png");
        await Put(StorageNames.Containers.Mail, "2026/11/29/m-1.eml",
            Encoding.UTF8.GetBytes("Subject: =?utf-8?B?5L+h5oGv?=\r\n\r\n正文"), "message/rfc822");
        await Put(StorageNames.Containers.Settlements, "2026H1/payout-2026H1.csv",
            Encoding.UTF8.GetBytes("姓名,金额\n张三,250.00\n"), "text/csv; charset=utf-8");
        await Put(StorageNames.Containers.Bulletins, "2026-P5/bulletin.json",
            Encoding.UTF8.GetBytes("{\"period\":\"2026-P5\"}"), "application/json");
    }

    private async Task WipeAsync()
    {
        foreach (var t in BackupService.Tables) await _app.Tables.DeleteTableAsync(t);
        foreach (var c in BackupService.Containers) await _app.Blobs.GetBlobContainerClient(c).DeleteIfExistsAsync();
    }

    private async Task<JsonElement> BackupNowAsync()
    {
        using var admin = _app.CreateAdminClient();
        var response = await admin.PostAsync("api/admin/backups", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task Backup_wipe_restore_brings_back_every_entity_with_its_type_and_every_blob()
    {
        await SeedAsync();
        var before = await StorageSnapshot.TakeAsync(_app.Tables, _app.Blobs);
        Assert.Contains("counters|backup-test|every-type|Big:Int64=9007199254740993", before);
        Assert.Contains("counters|backup-test|every-type|Bytes:Byte[]=AAEC/v8=", before);
        Assert.Contains(before, l => l.StartsWith("blob|attachments/r-001/现场照片.png|image/png|uploadedby=p-001|",
            StringComparison.Ordinal));

        var manifest = await BackupNowAsync();
        Assert.Equal("2026-11-30", manifest.GetProperty("night").GetString());
        var tables = manifest.GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(BackupService.Tables.Order(), tables.Select(t => t.GetProperty("name").GetString()!).Order());
        Assert.All(tables, t => Assert.Matches("^[0-9a-f]{64}$", t.GetProperty("sha256").GetString()));
        Assert.Equal(before.Count(l => !l.StartsWith("blob|", StringComparison.Ordinal)
                && l.Contains("|PartitionKey:", StringComparison.Ordinal)),
            tables.Sum(t => t.GetProperty("entities").GetInt64()));
        Assert.Equal(5, manifest.GetProperty("blobs").GetProperty("count").GetInt64());
        Assert.Equal(4, manifest.GetProperty("blobs").GetProperty("newContent").GetInt64()); // the photo is stored once

        await WipeAsync();
        Assert.Empty(await StorageSnapshot.TakeAsync(_app.Tables, _app.Blobs));

        using var admin = _app.CreateAdminClient();
        var restored = await admin.PostAsync(Restore, null);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        var report = await restored.JsonAsync();
        Assert.Equal(5, report.GetProperty("blobs").GetInt64());

        Assert.Equal(before, await StorageSnapshot.TakeAsync(_app.Tables, _app.Blobs));

        // Restoring again over the live data is refused and changes nothing.
        var again = await admin.PostAsync(Restore, null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("target-not-empty", (await again.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_app.Tables, _app.Blobs));
    }

    [Fact]
    public async Task The_command_line_backs_up_and_restores_into_an_empty_account()
    {
        await SeedAsync();
        var before = await StorageSnapshot.TakeAsync(_app.Tables, _app.Blobs);
        var options = (string storage) => new LocalHostOptions
        {
            Overrides = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = storage,
                ["Auth__BootstrapAdminToken"] = TestApp.AdminToken,
            },
        };

        var output = new StringWriter();
        Assert.Equal(0, await Commands.RunAsync(["backup"], options(_azurite.ConnectionString), output));
        var night = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("night").GetString()!;

        await using var empty = await Azurite.StartAsync(location: null);
        output = new StringWriter();
        var exit = await Commands.RunAsync(
            ["restore", night, "--from", _azurite.ConnectionString], options(empty.ConnectionString), output);
        Assert.True(exit == 0, output.ToString());

        var target = (Tables: new TableServiceClient(empty.ConnectionString),
            Blobs: new BlobServiceClient(empty.ConnectionString));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(target.Tables, target.Blobs));
        Assert.False((await target.Blobs.GetBlobContainerClient(StorageNames.Containers.Backups).ExistsAsync()).Value);

        output = new StringWriter();
        Assert.Equal(2, await Commands.RunAsync(
            ["restore", "2001-01-01", "--from", _azurite.ConnectionString], options(empty.ConnectionString), output));
        Assert.Contains("2001-01-01", output.ToString());
    }

    [Fact]
    public async Task Named_tables_restore_beside_the_live_ones_and_bad_requests_change_nothing()
    {
        await SeedAsync();
        await BackupNowAsync();
        using var admin = _app.CreateAdminClient();
        var people = await StorageSnapshot.TakeAsync(_app.Tables, _app.Blobs, [StorageNames.Tables.People]);

        var ok = await admin.PostJsonAsync(Restore, new { tables = new[] { "people:peoplerestored" } });
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        var copy = await StorageSnapshot.TakeAsync(_app.Tables, _app.Blobs, ["peoplerestored"]);
        Assert.Equal(people.Select(l => l["people|".Length..]), copy.Select(l => l["peoplerestored|".Length..]));
        Assert.Equal(0, (await ok.JsonAsync()).GetProperty("blobs").GetInt64());

        var live = await admin.PostJsonAsync(Restore, new { tables = new[] { "people" } });
        Assert.Equal(HttpStatusCode.Conflict, live.StatusCode);
        var problem = await live.JsonAsync();
        Assert.Equal("target-not-empty", problem.GetProperty("code").GetString());
        Assert.Contains("people", problem.GetProperty("detail").GetString());

        var unknown = await admin.PostJsonAsync(Restore, new { tables = new[] { "nosuch:x1" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("invalid-tables", (await unknown.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound,
            (await admin.PostAsync("api/admin/backups/2001-01-01/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await admin.PostAsync("api/admin/backups/yesterday/restore", null)).StatusCode);

        using var officer = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.PostAsync(Restore, null)).StatusCode);
        Assert.Equal(people, await StorageSnapshot.TakeAsync(_app.Tables, _app.Blobs, [StorageNames.Tables.People]));
    }

    [Fact]
    public async Task A_backup_file_altered_after_the_night_is_refused_before_anything_is_written()
    {
        await SeedAsync();
        var manifest = await BackupNowAsync();
        var units = manifest.GetProperty("tables").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "units");
        var file = _app.Blobs.GetBlobContainerClient(StorageNames.Containers.Backups)
            .GetBlobClient(units.GetProperty("path").GetString());
        var bytes = (await file.DownloadContentAsync()).Value.Content.ToArray();
        bytes[^5] ^= 0xFF;
        await file.UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);

        using var admin = _app.CreateAdminClient();
        var refused = await admin.PostJsonAsync(Restore,
            new { tables = new[] { "people:peoplecopy", "units:unitscopy" } });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal("backup-corrupt", problem.GetProperty("code").GetString());
        Assert.Contains("SHA-256", problem.GetProperty("detail").GetString());
        Assert.Empty(await StorageSnapshot.TakeAsync(_app.Tables, _app.Blobs, ["peoplecopy", "unitscopy"]));
    }

    [Fact]
    public async Task The_next_night_copies_only_new_content_and_content_of_expired_nights_is_removed()
    {
        await SeedAsync();
        await BackupNowAsync();
        var backups = _app.Blobs.GetBlobContainerClient(StorageNames.Containers.Backups);
        var attachments = _app.Blobs.GetBlobContainerClient(StorageNames.Containers.Attachments);
        await attachments.DeleteBlobAsync("r-002/同一张照片.png");
        await attachments.DeleteBlobAsync("r-001/现场照片.png");
        await attachments.GetBlobClient("r-003/新稿件.txt").UploadAsync(BinaryData.FromString("新内容"));

        _clock.Now = _clock.Now.AddDays(1);
        var second = await BackupNowAsync();
        Assert.Equal("2026-12-01", second.GetProperty("night").GetString());
        Assert.Equal(1, second.GetProperty("blobs").GetProperty("newContent").GetInt64());
        Assert.Equal(4, second.GetProperty("blobs").GetProperty("count").GetInt64());

        // The lifecycle rule deletes old nights; the next backup drops what only they referred to (the photo).
        await foreach (var b in backups.GetBlobsAsync(new GetBlobsOptions { Prefix = "nights/2026-11-30/" }))
            await backups.DeleteBlobAsync(b.Name);
        _clock.Now = _clock.Now.AddDays(1);
        await BackupNowAsync();
        var content = new List<string>();
        await foreach (var b in backups.GetBlobsAsync(new GetBlobsOptions { Prefix = BackupArchive.ContentPrefix }))
            content.Add(b.Name);
        Assert.Equal(4, content.Count);
        Assert.DoesNotContain(BackupArchive.ContentPath(BackupArchive.Sha256(Photo)), content);

        using var admin = _app.CreateAdminClient();
        var list = await (await admin.GetAsync("api/admin/backups")).JsonAsync();
        Assert.Equal(["2026-12-02", "2026-12-01"],
            list.EnumerateArray().Select(m => m.GetProperty("night").GetString()));
    }
}
