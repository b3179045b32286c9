using InfoFunctions.DirectoryFeature.Import;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using Xunit;
using Xunit.Abstractions;

namespace InfoFunctions.Tests.Platform;

/// <summary>
/// Decompression bombs are read within <see cref="OfficeLimits"/>: the outcome is <c>office-limit</c> with a
/// Chinese reason, and memory stays within 64 MB of the baseline (figures printed; run with
/// <c>--logger "console;verbosity=detailed"</c> to see them).
/// </summary>
public sealed class OfficeLimitsTests(ITestOutputHelper output)
{
    private const long Budget = 64L * 1024 * 1024;

    private void Report(string what, int fileBytes, MemoryProbe.Figures figures) =>
        output.WriteLine($"{what}: file {MemoryProbe.Figures.Mb(fileBytes)}; {figures}");

    [Fact]
    public void A_docx_bomb_is_refused_from_its_zip_directory_before_inflating()
    {
        var bomb = OfficeBombs.Docx(inflated: 512L * 1024 * 1024);
        var (result, figures) = MemoryProbe.Measure(() => DocxText.Extract(new MemoryStream(bomb), "炸弹.docx"));
        Report("docx bomb, 512 MB document.xml", bomb.Length, figures);

        Assert.Equal("office-limit", result.Problem?.Code);
        Assert.Contains("炸弹.docx", result.Problem!.Detail);
        Assert.True(figures.AllocatedBytes < Budget, figures.ToString());
    }

    [Fact]
    public void A_docx_bomb_whose_directory_passes_stops_at_the_part_limit_while_inflating_within_64_mb()
    {
        var bomb = OfficeBombs.Docx(inflated: 90L * 1024 * 1024, empty: true);
        var (result, figures) = MemoryProbe.Measure(() => DocxText.Extract(new MemoryStream(bomb), "空段落.docx"));
        Report("docx bomb, 90 MB document.xml of empty paragraphs", bomb.Length, figures);

        Assert.Equal("office-limit", result.Problem?.Code);
        Assert.Contains("解压后超过上限 32 MB", result.Problem!.Detail);
        Assert.True(figures.AllocatedBytes < Budget, figures.ToString());
    }

    [Fact]
    public void A_bomb_that_lies_about_its_size_in_the_zip_directory_stays_bounded()
    {
        var bomb = OfficeBombs.Lying(OfficeBombs.Docx(inflated: 90L * 1024 * 1024, empty: true), "word/document.xml",
            claimed: 4096);
        var (result, figures) = MemoryProbe.Measure(() => DocxText.Extract(new MemoryStream(bomb), "伪装.docx"));
        Report("docx bomb claiming 4 KB, 90 MB document.xml", bomb.Length, figures);

        Assert.Contains(result.Problem?.Code, new[] { "office-limit", "office-unreadable" });
        Assert.True(figures.AllocatedBytes < Budget, figures.ToString());
    }

    [Fact]
    public void An_xlsx_bomb_whose_directory_passes_stops_while_inflating_within_64_mb()
    {
        var bomb = OfficeBombs.Xlsx(inflated: 90L * 1024 * 1024);
        var (result, figures) = MemoryProbe.Measure(() => XlsxReader.Read(new MemoryStream(bomb)));
        Report("xlsx bomb, 90 MB sharedStrings.xml", bomb.Length, figures);

        Assert.Equal("office-limit", result.Problem?.Code);
        Assert.True(figures.AllocatedBytes < Budget, figures.ToString());
    }

    [Fact]
    public void A_docx_bomb_within_the_inflate_limit_stops_at_the_character_limit()
    {
        var bomb = OfficeBombs.Docx(inflated: 24L * 1024 * 1024);
        var (result, figures) = MemoryProbe.Measure(() => DocxText.Extract(new MemoryStream(bomb), "长文.docx"));
        Report("docx, 24 MB document.xml", bomb.Length, figures);

        Assert.Equal("office-limit", result.Problem?.Code);
        Assert.Contains("200000", result.Problem!.Detail);
        Assert.True(figures.AllocatedBytes < Budget, figures.ToString());
    }

    [Fact]
    public void A_docx_of_thousands_of_parts_is_refused_from_its_directory()
    {
        var bomb = OfficeBombs.Docx(inflated: 1024, extraParts: 10_000);
        var result = DocxText.Extract(new MemoryStream(bomb), "部件.docx");
        Assert.Equal("office-limit", result.Problem?.Code);
        Assert.Contains("10003 个部件", result.Problem!.Detail);
    }

    [Fact]
    public void An_xlsx_bomb_is_refused_from_its_zip_directory_before_inflating()
    {
        var bomb = OfficeBombs.Xlsx(inflated: 512L * 1024 * 1024);
        var (result, figures) = MemoryProbe.Measure(() => XlsxReader.Read(new MemoryStream(bomb)));
        Report("xlsx bomb, 512 MB sharedStrings.xml", bomb.Length, figures);

        Assert.Equal("office-limit", result.Problem?.Code);
        Assert.True(figures.AllocatedBytes < Budget, figures.ToString());
    }

    [Fact]
    public void A_small_docx_and_xlsx_still_read()
    {
        var docx = DocxText.Extract(new MemoryStream(OfficeBombs.Docx(inflated: 100)), "短.docx");
        Assert.StartsWith("埇桥区人大常委会开展代表接访活动。\n", docx.Value);
        var xlsx = XlsxReader.Read(new MemoryStream(OfficeBombs.Xlsx(inflated: 100)));
        Assert.Equal("埇桥区人大常委会", Assert.Single(xlsx.Value.Rows).Cells[0]);
    }
}
