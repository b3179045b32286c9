using InfoFunctions.DirectoryFeature;
using InfoFunctions.Identity;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static InfoFunctions.Tests.DirectoryFeature.DirectoryTestData;

namespace InfoFunctions.Tests.DirectoryFeature;

/// <summary>The person row and its email index row move together (real Azurite, no service pre-checks).</summary>
[Collection("app")]
public sealed class PersonStoreTests(AppFixture fx)
{
    private static Person New(string id, string email) =>
        new(id, "测试", email, null, "sz-yjs", ["officer"], Employment.PartTime, false, 0, true, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_taken_email_fails_the_whole_transaction()
    {
        var store = fx.App.Services.GetRequiredService<PersonStore>();
        var email = $"s{Uid()}@example.org";
        var a = "p" + Uid();
        var b = "p" + Uid();
        Assert.Equal(WriteOutcome.Ok, (await store.CreateAsync(New(a, email), default)).Outcome);
        Assert.Equal(
            WriteOutcome.EmailTaken,
            (await store.CreateAsync(New(b, email.ToUpperInvariant()), default)).Outcome
        );
        Assert.Null(await store.GetAsync(b, default));
        Assert.Equal(a, await store.FindIdByEmailAsync(email, default));
        Assert.Equal(
            WriteOutcome.Exists,
            (await store.CreateAsync(New(a, $"other{Uid()}@example.org"), default)).Outcome
        );
    }

    [Fact]
    public async Task Email_change_moves_the_index_and_a_stale_etag_changes_nothing()
    {
        var store = fx.App.Services.GetRequiredService<PersonStore>();
        var id = "p" + Uid();
        var oldEmail = $"o{Uid()}@example.org";
        var newEmail = $"n{Uid()}@example.org";
        var etag = (await store.CreateAsync(New(id, oldEmail), default)).ETag!;

        var changed = await store.ReplaceAsync(New(id, newEmail), etag, oldEmail, default);
        Assert.Equal(WriteOutcome.Ok, changed.Outcome);
        Assert.Null(await store.FindIdByEmailAsync(oldEmail, default));
        Assert.Equal(id, await store.FindIdByEmailAsync(newEmail, default));

        var third = $"t{Uid()}@example.org";
        Assert.Equal(
            WriteOutcome.PreconditionFailed,
            (await store.ReplaceAsync(New(id, third), etag, newEmail, default)).Outcome
        );
        Assert.Null(await store.FindIdByEmailAsync(third, default));
        Assert.Equal(newEmail, (await store.GetAsync(id, default))!.Value.Email);
    }
}
