using Azure.Data.Tables;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Identity;
using InfoFunctions.Mailbox;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static InfoFunctions.Tests.DirectoryFeature.DirectoryTestData;

namespace InfoFunctions.Tests.DirectoryFeature;

/// <summary>
/// The typed entities write the columns (names and EDM types) that earlier versions wrote, so stored data reads
/// back, and rows written by hand the old way read through them.
/// </summary>
[Collection("app")]
public sealed class StoredSchemaTests(AppFixture fx)
{
    private static void Column(TableEntity e, string name, Type type)
    {
        e.TryGetValue(name, out var value);
        Assert.True(value?.GetType() == type, $"{name}: {value?.GetType()}");
    }

    [Fact]
    public async Task Units_people_tokens_and_mail_keep_their_columns()
    {
        var sp = fx.App.Services;
        var unitId = "u" + Uid();
        await sp.GetRequiredService<UnitStore>().AddAsync(
            new Unit(unitId, "萧县人大常委会", UnitLevel.County, null, true, DateTimeOffset.UtcNow), default);
        var units = fx.Tables.GetTableClient(StorageNames.Tables.Units);
        var unit = (await units.GetEntityAsync<TableEntity>("unit", unitId)).Value;
        Column(unit, "Name", typeof(string));
        Column(unit, "Level", typeof(string));
        Assert.Equal("County", unit.GetString("Level"));
        Column(unit, "Active", typeof(bool));
        Column(unit, "UpdatedAt", typeof(DateTimeOffset));
        Assert.False(unit.ContainsKey("ParentId") && unit["ParentId"] is not null);

        var personId = "p" + Uid();
        await sp.GetRequiredService<PersonStore>().CreateAsync(new Person(personId, "张三", $"z{Uid()}@example.org", null,
            unitId, ["officer", "editor"], Employment.FullTime, true, 12, true, DateTimeOffset.UtcNow), default);
        var person = (await fx.Tables.GetTableClient(StorageNames.Tables.People)
            .GetEntityAsync<TableEntity>("person", "id:" + personId)).Value;
        Assert.Equal("officer,editor", person.GetString("Roles"));
        Assert.Equal("FullTime", person.GetString("Employment"));
        Column(person, "IsDeputy", typeof(bool));
        Column(person, "AnnualQuota", typeof(int));

        var token = await sp.GetRequiredService<AccessTokenStore>().IssueAsync(
            TokenSecrets.NewSecret(), personId, "笔记本", "admin", DateTimeOffset.UtcNow, null, default);
        var tokens = fx.Tables.GetTableClient(StorageNames.Tables.Tokens);
        var row = await tokens.QueryAsync<TableEntity>(e => e.GetString("TokenId") == token.TokenId).FirstAsync();
        Column(row, "CreatedAt", typeof(DateTimeOffset));
        Assert.Equal("笔记本", row.GetString("Label"));

        // A mail record written the old way (a dictionary of columns) reads through the typed entity.
        var mailId = "m" + Uid();
        await fx.Tables.GetTableClient(StorageNames.Tables.Mailbox).AddEntityAsync(new TableEntity("mail", mailId)
        {
            ["Status"] = "Quarantined",
            ["From"] = "a@example.org",
            ["RawSha256"] = "00",
            ["BlobName"] = "x.eml",
            ["ReceivedAt"] = DateTimeOffset.UnixEpoch,
        });
        var mail = await sp.GetRequiredService<MailStore>().GetAsync(mailId, default);
        Assert.Equal(MailStatus.Quarantined, mail!.Status);
        Assert.Equal("a@example.org", mail.From);
        Assert.Equal(DateTimeOffset.UnixEpoch, mail.ReceivedAt);
    }
}
