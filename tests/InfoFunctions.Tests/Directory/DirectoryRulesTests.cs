using InfoFunctions.DirectoryFeature;
using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Xunit;

namespace InfoFunctions.Tests.DirectoryFeature;

public class DirectoryRulesTests
{
    [Theory]
    [InlineData("sz-fgw", true)]
    [InlineData("yq", true)]
    [InlineData("a", false)]
    [InlineData("SZ-FGW", false)]
    [InlineData("sz_fgw", false)]
    [InlineData("研究室", false)]
    public void Unit_codes(string id, bool valid) => Assert.Equal(valid, DirectoryRules.IsValidId(id));

    [Theory]
    [InlineData("委室", UnitLevel.Committee)]
    [InlineData("两院", UnitLevel.Judicial)]
    [InlineData("县区", UnitLevel.County)]
    [InlineData("乡镇", UnitLevel.Township)]
    [InlineData("Township", UnitLevel.Township)]
    [InlineData("county", UnitLevel.County)]
    public void Unit_levels_in_chinese_and_english(string text, UnitLevel expected)
    {
        Assert.Equal(expected, DirectoryRules.ParseUnitLevel(text));
    }

    [Fact]
    public void Unit_validation_reports_each_bad_field()
    {
        var errors = new List<FieldError>();
        Assert.Null(DirectoryRules.ValidateUnit(new UnitInput("Bad Id", " ", "省级", null, null), errors));
        Assert.Equal(["id", "name", "level"], errors.Select(e => e.Field));
    }

    private static readonly Unit County = new("yq", "埇桥区人大常委会", UnitLevel.County, null, true, default);
    private static readonly Unit Office = new("sz-yjs", "研究室", UnitLevel.Committee, null, true, default);

    private static List<FieldError> Parent(UnitLevel level, string? parentId, params Unit[] known)
    {
        var errors = new List<FieldError>();
        DirectoryRules.CheckUnitParent("self", level, parentId, id => known.FirstOrDefault(u => u.Id == id), errors);
        return errors;
    }

    [Fact]
    public void Township_needs_an_active_county_parent()
    {
        Assert.Empty(Parent(UnitLevel.Township, "yq", County));
        Assert.Contains("必须", Assert.Single(Parent(UnitLevel.Township, null)).Message);
        Assert.Contains("不存在", Assert.Single(Parent(UnitLevel.Township, "nope", County)).Message);
        Assert.Contains("县区", Assert.Single(Parent(UnitLevel.Township, "sz-yjs", Office)).Message);
        Assert.Contains(
            "停用",
            Assert.Single(Parent(UnitLevel.Township, "yq", County with { Active = false })).Message
        );
    }

    [Fact]
    public void Only_townships_have_parents()
    {
        Assert.Empty(Parent(UnitLevel.County, null));
        Assert.Equal("parentId", Assert.Single(Parent(UnitLevel.Committee, "yq", County)).Field);
    }

    [Fact]
    public void Person_roles_accept_chinese_names_and_default_to_officer()
    {
        var errors = new List<FieldError>();
        var p = DirectoryRules.ValidatePerson(
            new PersonInput(
                null,
                "林晓雯",
                "Lin@Example.org",
                "0557-1234567",
                "sz-yjs",
                ["编辑", "签发", "editor"],
                "专职",
                true,
                24,
                null
            ),
            errors
        );
        Assert.Empty(errors);
        Assert.Equal(["editor", "signer"], p!.Roles);
        Assert.Equal(Employment.FullTime, p.Employment);

        var q = DirectoryRules.ValidatePerson(
            new PersonInput(null, "张三", "z@example.org", null, "yq", null, null, null, null, null),
            errors
        );
        Assert.Empty(errors);
        Assert.Equal(["officer"], q!.Roles);
        Assert.Equal(Employment.PartTime, q.Employment);
        Assert.Equal(0, q.AnnualQuota);
    }

    [Fact]
    public void Person_validation_reports_each_bad_field()
    {
        var errors = new List<FieldError>();
        Assert.Null(
            DirectoryRules.ValidatePerson(
                new PersonInput("X", "", "not-an-email", "call me", "", ["站长"], "临时", null, -1, null),
                errors
            )
        );
        Assert.Equal(
            ["id", "name", "email", "phone", "unitId", "roles", "employment", "annualQuota"],
            errors.Select(e => e.Field)
        );
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Theory]
    [InlineData("信息员、编辑", new[] { "信息员", "编辑" })]
    [InlineData("editor; signer", new[] { "editor", "signer" })]
    [InlineData("领导，管理员", new[] { "领导", "管理员" })]
    [InlineData("officer,admin", new[] { "officer", "admin" })]
    public void Role_cells_split_on_chinese_and_ascii_separators(string cell, string[] expected) =>
        Assert.Equal(expected, DirectoryRules.SplitRoles(cell));

    [Fact]
    public void Carrier_validation()
    {
        var errors = new List<FieldError>();
        var c = DirectoryRules.ValidateCarrier(new CarrierInput("sz-rd", "《宿州人大》", "市级", "刊物", null), errors);
        Assert.Empty(errors);
        Assert.Equal((CarrierLevel.Municipal, CarrierKind.Periodical), (c!.Level, c.Kind));
        Assert.Null(DirectoryRules.ValidateCarrier(new CarrierInput(null, "x", "county", "radio", null), errors));
        Assert.Equal(["level", "kind"], errors.Select(e => e.Field));
    }
}
