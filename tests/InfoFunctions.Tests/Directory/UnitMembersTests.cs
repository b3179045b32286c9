using System.Net;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Submissions;
using Xunit;

namespace InfoFunctions.Tests.DirectoryFeature;

/// <summary>GET /api/units/{id}/members: the names an author may name as co-authors, and no more.</summary>
[Collection("app")]
public sealed class UnitMembersTests(AppFixture fx)
{
    [Fact]
    public async Task An_officer_reads_the_names_of_their_own_unit_only()
    {
        using var officer = await IntakeTestSupport.ClientForAsync(fx, IntakeTestSupport.YangFan);
        var response = await officer.GetAsync("api/units/yq/members");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var members = (await response.JsonAsync()).EnumerateArray().ToList();
        Assert.Contains(members, m => m.GetProperty("id").GetString() == "demo-zhu-lingling"
            && m.GetProperty("name").GetString() == "朱玲玲"
            && m.GetProperty("isDeputy").GetBoolean());
        Assert.All(members, m =>
            Assert.Equal(["id", "isDeputy", "name"], m.EnumerateObject().Select(p => p.Name).Order()));

        var other = await officer.GetAsync("api/units/ds/members");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("forbidden", (await other.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_office_reads_any_unit_and_strangers_none()
    {
        using var editor = await IntakeTestSupport.ClientForAsync(fx, IntakeTestSupport.LinXiaowen);
        var ds = await (await editor.GetAsync("api/units/ds/members")).JsonAsync();
        Assert.Equal(["demo-qin-haoyu", "demo-you-shiqi"],
            ds.EnumerateArray().Select(m => m.GetProperty("id").GetString()).Order());
        using var nobody = fx.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetAsync("api/units/ds/members")).StatusCode);
    }
}
