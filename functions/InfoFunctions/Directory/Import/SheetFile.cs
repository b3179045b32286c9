using System.Net.Http.Headers;

namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>An uploaded list: CSV (UTF-8 or GB18030) or an Excel workbook, told apart by its content type.</summary>
public static class SheetFile
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static Result<MediaTypeHeaderValue> KindOf(string? contentType) =>
        contentType is { Length: > 0 }
        && MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType is CsvType or XlsxType
            ? type
            : Problem.Unsupported(
                "unsupported-media-type",
                $"请以 Content-Type: {CsvType}（CSV，UTF-8 或 GB18030）或 {XlsxType}（Excel 工作簿）上传文件。"
            );

    public static Result<SheetReadResult> Read(MediaTypeHeaderValue type, byte[] content)
    {
        if (content.Length == 0)
            return Problem.Invalid("empty-file", "上传的文件是空的。");
        if (type.MediaType == CsvType)
        {
            try
            {
                return CsvParser.Parse(TextDecoding.Decode(content, type.CharSet?.Trim('"')));
            }
            catch (DecoderFallbackException)
            {
                return Problem.Invalid(
                    "invalid-encoding",
                    "CSV 文件以 UTF-8 标记（BOM）开头，其后却有不是 UTF-8 的字节；请在表格程序中另存为“CSV UTF-8”后重新上传。"
                );
            }
        }
        using var stream = new MemoryStream(content, writable: false);
        return XlsxReader.Read(stream);
    }
}
