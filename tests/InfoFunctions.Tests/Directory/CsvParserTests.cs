using System.Text;
using InfoFunctions.DirectoryFeature.Import;
using InfoFunctions.Platform;
using Xunit;

namespace InfoFunctions.Tests.DirectoryFeature;

public class CsvParserTests
{
    [Fact]
    public void Plain_rows_with_line_numbers()
    {
        var r = CsvParser.Parse("编码,名称\nsz-yjs,研究室\nyq,埇桥区人大常委会\n");
        Assert.Empty(r.Errors);
        Assert.Equal(3, r.Rows.Count);
        Assert.Equal(["sz-yjs", "研究室"], r.Rows[1].Cells);
        Assert.Equal([1, 2, 3], r.Rows.Select(x => x.Line));
    }

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_later_lines_count_them()
    {
        var text = "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\r\nlast,row";
        var r = CsvParser.Parse(text);
        Assert.Empty(r.Errors);
        Assert.Equal(4, r.Rows.Count);
        Assert.Equal(["x, y", "say \"hi\""], r.Rows[1].Cells);
        Assert.Equal(["two\nlines", "z"], r.Rows[2].Cells);
        Assert.Equal(3, r.Rows[2].Line);
        // The quoted line break pushes the next record to physical line 5.
        Assert.Equal(5, r.Rows[3].Line);
        Assert.Equal(["last", "row"], r.Rows[3].Cells);
    }

    [Fact]
    public void Bom_is_dropped_blank_lines_skipped_and_empty_trailing_fields_kept()
    {
        var r = CsvParser.Parse("\uFEFF姓名,邮箱\n\n,,\n张三,\n");
        Assert.Empty(r.Errors);
        Assert.Equal("姓名", r.Rows[0].Cells[0]);
        Assert.Equal(2, r.Rows.Count);
        Assert.Equal(4, r.Rows[1].Line);
        Assert.Equal(["张三", ""], r.Rows[1].Cells);
    }

    [Fact]
    public void Carriage_return_only_line_endings()
    {
        var r = CsvParser.Parse("a\rb\rc");
        Assert.Equal(["a", "b", "c"], r.Rows.Select(x => x.Cells[0]));
        Assert.Equal([1, 2, 3], r.Rows.Select(x => x.Line));
    }

    [Fact]
    public void Unterminated_quote_is_reported_at_the_line_it_opens()
    {
        var r = CsvParser.Parse("a,b\nok,1\n\"open,2\nmore\n");
        var e = Assert.Single(r.Errors);
        Assert.Equal(3, e.Line);
        Assert.Contains("引号", e.Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error_and_parsing_continues()
    {
        var r = CsvParser.Parse("a,b\n\"x\"y,1\nfine,2\n");
        var e = Assert.Single(r.Errors);
        Assert.Equal(2, e.Line);
        Assert.Equal("fine", r.Rows.Last().Cells[0]);
        Assert.Equal(3, r.Rows.Last().Line);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_literal_unless_it_hides_a_comma()
    {
        var r = CsvParser.Parse("a,b\n他说\"你好\",x\n他说\"你好,x\nnext,1\n");
        Assert.Equal(["他说\"你好\"", "x"], r.Rows[1].Cells);
        var e = Assert.Single(r.Errors);
        Assert.Equal(3, e.Line);
        Assert.Contains("双引号", e.Message);
    }
}

public class TextDecodingTests
{
    private const string Csv = "姓名,邮箱,单位编码\n张三,zhang@example.org,sz-yjs\n";

    [Fact]
    public void Utf8_without_bom() => Assert.Equal(Csv, TextDecoding.Decode(Encoding.UTF8.GetBytes(Csv)));

    [Fact]
    public void Utf8_with_bom()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv)).ToArray();
        Assert.Equal(Csv, TextDecoding.Decode(bytes));
    }

    [Fact]
    public void Gb18030_is_detected_when_bytes_are_not_utf8()
    {
        var bytes = TextDecoding.Gb18030.GetBytes(Csv);
        Assert.NotEqual(Encoding.UTF8.GetBytes(Csv), bytes);
        Assert.Equal(Csv, TextDecoding.Decode(bytes));
    }

    [Fact]
    public void Gb18030_csv_parses_into_chinese_cells()
    {
        var bytes = TextDecoding.Gb18030.GetBytes("名称,级别\n萧县人大常委会,县区\n");
        var rows = CsvParser.Parse(TextDecoding.Decode(bytes)).Rows;
        Assert.Equal(["萧县人大常委会", "县区"], rows[1].Cells);
    }

    [Fact]
    public void Declared_charset_is_honoured()
    {
        var bytes = TextDecoding.Gb18030.GetBytes("研究室");
        Assert.Equal("研究室", TextDecoding.Decode(bytes, "gb18030"));
    }
}
