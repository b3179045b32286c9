using InfoFunctions.DirectoryFeature;
using InfoFunctions.DirectoryFeature.Import;
using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Xunit;

namespace InfoFunctions.Tests.DirectoryFeature;

public class ImportPlanningTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    internal static readonly Versioned<Unit> Yq = new(
        new Unit("yq", "埇桥区人大常委会", UnitLevel.County, null, true, Now),
        "e-yq"
    );
    private static readonly Versioned<Unit> Yjs = new(
        new Unit("sz-yjs", "研究室", UnitLevel.Committee, null, true, Now),
        "e-yjs"
    );

    private static (ColumnMap Map, List<FieldError> Errors) Header(
        SheetReadResult sheet,
        IReadOnlyList<ColumnSpec> specs
    )
    {
        var errors = new List<FieldError>();
        return (ColumnMap.FromHeader(sheet.Rows[0], specs, errors), errors);
    }

    internal static ImportPlan<(Unit Unit, string? ETag)> PlanUnits(string csv, params Versioned<Unit>[] stored)
    {
        var sheet = CsvParser.Parse(csv);
        var (map, errors) = Header(sheet, ImportSheets.UnitColumns);
        Assert.Empty(errors);
        var rows = sheet.Rows.Skip(1).Select(r => new UnitRow(r.Line, ImportSheets.ToUnitInput(map, r))).ToList();
        return ImportPlanning.PlanUnits(rows, stored, Now, f => map.HeaderOf(f, ImportSheets.UnitColumns));
    }

    internal static ImportPlan<PersonWrite> PlanPeople(
        SheetReadResult sheet,
        Versioned<Unit>[] units,
        params Versioned<Person>[] people
    )
    {
        var (map, errors) = Header(sheet, ImportSheets.PersonColumns);
        Assert.Empty(errors);
        var rows = sheet
            .Rows.Skip(1)
            .Select(r =>
            {
                var cellErrors = new List<FieldError>();
                return new PersonRow(r.Line, ImportSheets.ToPersonInput(map, r, cellErrors), cellErrors);
            })
            .ToList();
        return ImportPlanning.PlanPeople(rows, units, people, Now, f => map.HeaderOf(f, ImportSheets.PersonColumns));
    }

    [Fact]
    public void Unit_file_may_reference_a_county_defined_further_down()
    {
        var plan = PlanUnits(
            "编码,名称,级别,上级编码\nxx-hk,萧县黄口镇人大,乡镇,xx\nxx,萧县人大常委会,县区,\nsz-yjs,研究室,委室,\n",
            Yjs
        );
        Assert.Empty(plan.Errors);
        Assert.Equal(new ImportSummary(2, 0, 1), plan.Summary);
        Assert.Equal(2, plan.Writes.Count);
        Assert.All(plan.Writes, w => Assert.Null(w.ETag));
    }

    [Fact]
    public void Unit_file_in_english_headers_updates_with_the_stored_etag()
    {
        var plan = PlanUnits("code,name,level,parent\nsz-yjs,市人大常委会研究室,committee,\n", Yjs);
        Assert.Empty(plan.Errors);
        Assert.Equal(new ImportSummary(0, 1, 0), plan.Summary);
        Assert.Equal("e-yjs", Assert.Single(plan.Writes).ETag);
    }

    [Fact]
    public void One_bad_unit_row_plans_nothing_and_every_error_has_its_line_and_column()
    {
        var plan = PlanUnits(
            "编码,名称,级别,上级编码\nds,砀山县人大常委会,县区,\nds-lz,李庄镇人大,乡镇,\nds,重复,县区,\nds-lg,良梨镇人大,镇,sz-yjs\n",
            Yjs
        );
        Assert.Empty(plan.Writes);
        Assert.Equal([(3, "上级编码"), (4, "编码"), (5, "上级编码")], plan.Errors.Select(e => (e.Line ?? 0, e.Field)));
    }

    [Fact]
    public void Missing_required_column_is_reported_on_the_header_line()
    {
        var errors = new List<FieldError>();
        ColumnMap.FromHeader(CsvParser.Parse("名称,上级编码\nx,y\n").Rows[0], ImportSheets.UnitColumns, errors);
        Assert.Equal(["编码", "级别"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal(1, e.Line));
    }

    [Fact]
    public void People_upsert_by_email_and_report_bad_cells()
    {
        var stored = new Versioned<Person>(
            new Person(
                "p-1",
                "张三",
                "Zhang@Example.org",
                null,
                "yq",
                ["officer"],
                Employment.PartTime,
                false,
                6,
                true,
                Now
            ),
            "e-p1"
        );
        var csv =
            "姓名,邮箱,电话,单位编码,角色,专兼职,人大代表,年度任务\n"
            + "张三,zhang@example.org,,yq,信息员,兼职,否,6\n"
            + // same person, same data (email case differs only in store)
            "李四,li@example.org,0557-3021234,yq,编辑;信息员,专职,是,12\n";
        var plan = PlanPeople(CsvParser.Parse(csv), [Yq], stored);
        Assert.Empty(plan.Errors);
        Assert.Equal(new ImportSummary(1, 1, 0), plan.Summary);
        var update = plan.Writes.Single(w => w.ETag is not null);
        Assert.Equal(("p-1", "Zhang@Example.org"), (update.Person.Id, update.PreviousEmail));
        var created = plan.Writes.Single(w => w.ETag is null).Person;
        Assert.Equal(["officer", "editor"], created.Roles);
        Assert.True(created.IsDeputy);
        Assert.Equal((Employment.FullTime, 12), (created.Employment, created.AnnualQuota));
    }

    [Fact]
    public void People_errors_name_line_and_column_and_plan_nothing()
    {
        var csv =
            "姓名,邮箱,单位编码,年度任务,人大代表\n"
            + "张三,zhang@example.org,yq,6,否\n"
            + "李四,li@example.org,nope,x,是\n"
            + "王五,ZHANG@example.org,yq,1.5,\n";
        var plan = PlanPeople(CsvParser.Parse(csv), [Yq]);
        Assert.Empty(plan.Writes);
        Assert.Equal(
            [(3, "年度任务"), (3, "单位编码"), (4, "年度任务")],
            plan.Errors.Take(3).Select(e => (e.Line ?? 0, e.Field))
        );
        Assert.Contains(plan.Errors, e => e is { Line: 4, Field: "邮箱" } && e.Message.Contains("第 2 行"));
    }

    [Fact]
    public void Gb18030_people_csv_end_to_end()
    {
        var bytes = TextDecoding.Gb18030.GetBytes(
            "姓名,邮箱,单位编码,角色,专兼职\r\n孔德志,kong@example.org,yq,信息员,兼职\r\n"
        );
        var plan = PlanPeople(CsvParser.Parse(TextDecoding.Decode(bytes)), [Yq]);
        Assert.Empty(plan.Errors);
        Assert.Equal("孔德志", Assert.Single(plan.Writes).Person.Name);
    }

    [Fact]
    public void Demo_data_is_valid_and_a_second_load_changes_nothing()
    {
        var units = ImportPlanning.PlanUnits(DemoData.UnitRows, [], Now, f => f);
        Assert.Empty(units.Errors);
        Assert.Equal(DemoData.Units.Count, units.Summary.Created);
        var storedUnits = units.Writes.Select(w => new Versioned<Unit>(w.Unit, "e")).ToList();
        Assert.Contains(storedUnits, u => u.Value.Level == UnitLevel.Township && u.Value.ParentId == "yq");

        var people = ImportPlanning.PlanPeople(DemoData.PersonRows, storedUnits, [], Now, f => f);
        Assert.Empty(people.Errors);
        var roles = people.Writes.SelectMany(w => w.Person.Roles).ToHashSet();
        Assert.Superset(Roles.All.Select(Roles.Name).ToHashSet(), roles);
        Assert.Contains(people.Writes, w => w.Person.IsDeputy);
        Assert.All(people.Writes, w => Assert.EndsWith("@example.org", w.Person.Email));

        var again = ImportPlanning.PlanUnits(DemoData.UnitRows, storedUnits, Now.AddDays(1), f => f);
        Assert.Equal(new ImportSummary(0, 0, DemoData.Units.Count), again.Summary);
        var storedPeople = people.Writes.Select(w => new Versioned<Person>(w.Person, "e")).ToList();
        var peopleAgain = ImportPlanning.PlanPeople(
            DemoData.PersonRows,
            storedUnits,
            storedPeople,
            Now.AddDays(1),
            f => f
        );
        Assert.Empty(peopleAgain.Writes);
        Assert.Equal(DemoData.People.Count, peopleAgain.Summary.Unchanged);
    }
}
