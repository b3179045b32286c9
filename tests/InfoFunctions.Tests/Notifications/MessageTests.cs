using InfoFunctions.Identity;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;
using Xunit;

namespace InfoFunctions.Tests.Notifications;

public sealed class MessageTests
{
    [Fact]
    public void A_message_round_trips_through_queue_json()
    {
        var m = NotificationTestData.Message(
            Templates.HalfYearStatement,
            NotificationTo.RoleIn(Role.Officer, "unit-yq"),
            "statement:2025H1:p-1"
        );
        var back = Json.Deserialize<NotificationMessage>(Json.Serialize(m))!;
        Assert.Equal("statement:2025H1:p-1", back.IdempotencyKey);
        Assert.Equal("officer", back.To.Role);
        Assert.Equal("unit-yq", back.To.UnitId);
        Assert.Equal("《代表之声》", back.Data["lines"]![1]!["carrier"]!.GetValue<string>());
        Assert.Empty(back.Validate());
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData("p-1", "a@example.org", null, null)]
    [InlineData(null, "not-an-address", null, null)]
    [InlineData(null, null, null, "unit-1")]
    public void Recipients_must_be_exactly_one_valid_form(string? person, string? email, string? role, string? unit)
    {
        Assert.NotEmpty(new NotificationTo(person, email, role, unit).Validate());
    }

    [Fact]
    public void Bad_messages_are_refused_by_the_producer_before_they_reach_the_queue()
    {
        var m = NotificationMessage.Create("", "no-such-template", NotificationTo.Person("p-1"), new { });
        var errors = m.Validate();
        Assert.Contains(errors, e => e.Contains("幂等键"));
        Assert.Contains(errors, e => e.Contains("no-such-template"));
    }

    [Fact]
    public void Headers_stay_ascii_for_any_key()
    {
        Assert.Equal("receipt:XX-1", StandardHeaders.HeaderSafe("receipt:XX-1"));
        Assert.StartsWith("sha256:", StandardHeaders.HeaderSafe("回执:XX-1"));
    }
}
