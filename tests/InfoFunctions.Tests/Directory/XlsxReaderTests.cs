using InfoFunctions.DirectoryFeature;
using InfoFunctions.DirectoryFeature.Import;

using Xunit;

namespace InfoFunctions.Tests.DirectoryFeature;

public class XlsxReaderTests
{
    [Fact]
    public void Reads_shared_inline_and_number_cells_with_sheet_row_numbers()
    {
        var bytes = XlsxBuilder.Build(
        [
            ["姓名", "邮箱", "单位编码", "年度任务"],
            ["张三", "inline:zhang@example.org", "yq", "num:12"],
            null, // row 3 empty
            ["李四", "li@example.org", null, "num:6"],
        ]);
        var r = XlsxReader.Read(new MemoryStream(bytes)).Value;
        Assert.Empty(r.Errors);
        Assert.Equal([1, 2, 4], r.Rows.Select(x => x.Line));
        Assert.Equal(["张三", "zhang@example.org", "yq", "12"], r.Rows[1].Cells);
        // The missing C4 cell keeps D4 in the fourth column.
        Assert.Equal(["李四", "li@example.org", "", "6"], r.Rows[2].Cells);
    }

    [Fact]
    public void A_file_that_is_not_xlsx_is_one_clear_error()
    {
        var r = XlsxReader.Read(new MemoryStream("姓名,邮箱\n"u8.ToArray())).Value;
        Assert.Empty(r.Rows);
        Assert.Contains("XLSX", Assert.Single(r.Errors).Message);
    }

    [Theory]
    [InlineData("A1", 0)]
    [InlineData("D12", 3)]
    [InlineData("AA3", 26)]
    public void Column_letters(string reference, int index) => Assert.Equal(index, XlsxReader.ColumnIndex(reference));

    [Fact]
    public void Xlsx_people_file_with_one_bad_row_plans_nothing_and_names_the_row()
    {
        var bytes = XlsxBuilder.Build(
        [
            ["姓名(name)", "邮箱(email)", "单位编码(unit)", "角色(roles)", "专兼职", "人大代表", "年度任务"],
            ["张三", "zhang@example.org", "yq", "信息员", "专职", "是", "num:12"],
            ["李四", "li@example.org", "yq", "信息员", "兼职", "也许", "num:6"],
            ["王五", "wang@example.org", "yq", "编辑、信息员", "兼职", "否", "num:6"],
        ], firstRow: 3);
        var sheet = XlsxReader.Read(new MemoryStream(bytes)).Value;
        var plan = ImportPlanningTests.PlanPeople(sheet, [ImportPlanningTests.Yq]);
        Assert.Empty(plan.Writes);
        var e = Assert.Single(plan.Errors);
        Assert.Equal(5, e.Line);
        Assert.Equal("人大代表", e.Field);
    }
}
