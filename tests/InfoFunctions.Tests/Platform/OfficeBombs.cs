using System.IO.Compression;
using System.Text;

namespace InfoFunctions.Tests.Platform;

/// <summary>
/// Decompression bombs shaped like real Office files: a valid package whose one XML part inflates to hundreds of
/// MB (a few hundred KB on disk), or a package of thousands of parts. Built by streaming, never whole in memory.
/// </summary>
public static class OfficeBombs
{
    private const string Rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships "
        + "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
        + "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"{0}\"/>"
        + "</Relationships>";

    /// <summary>
    /// A .docx whose document.xml repeats one paragraph until it is <paramref name="inflated"/> bytes.
    /// </summary>
    public static byte[] Docx(long inflated, int extraParts = 0, bool empty = false) =>
        Package(
            "word/document.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w="
                + "\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
            empty
                ? "<w:p w:rsidR=\"00A1B2C3\" w:rsidRDefault=\"00A1B2C3\"/>"
                : "<w:p><w:r><w:t>埇桥区人大常委会开展代表接访活动。</w:t></w:r></w:p>",
            "</w:body></w:document>",
            inflated,
            extraParts,
            []
        );

    /// <summary>
    /// The package with the sizes of <paramref name="part"/> in the zip directory and local header set to
    /// <paramref name="claimed"/>: a bomb that lies about how far it inflates.
    /// </summary>
    public static byte[] Lying(byte[] package, string part, uint claimed)
    {
        var bytes = (byte[])package.Clone();
        var name = Encoding.ASCII.GetBytes(part);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var sig = BitConverter.ToUInt32(bytes, i);
            if (sig == 0x04034b50 && bytes.AsSpan(i + 30, name.Length).SequenceEqual(name))
                BitConverter.GetBytes(claimed).CopyTo(bytes, i + 22);
            else if (
                sig == 0x02014b50
                && bytes.AsSpan(i + 46, Math.Min(name.Length, bytes.Length - i - 46)).SequenceEqual(name)
            )
                BitConverter.GetBytes(claimed).CopyTo(bytes, i + 24);
        }
        return bytes;
    }

    /// <summary>
    /// An .xlsx whose shared string table repeats one string until it is <paramref name="inflated"/> bytes.
    /// </summary>
    public static byte[] Xlsx(long inflated)
    {
        const string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        return Package(
            "xl/sharedStrings.xml",
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{ns}\">",
            "<si><t>埇桥区人大常委会</t></si>",
            "</sst>",
            inflated,
            0,
            new()
            {
                ["xl/workbook.xml"] =
                    $"<workbook xmlns=\"{ns}\" xmlns:r=\"{r}\"><sheets><sheet name=\"Sheet1\" "
                    + "sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
                ["xl/_rels/workbook.xml.rels"] =
                    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
                    + "2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                    + "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship "
                    + "Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                    + "sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>",
                ["xl/worksheets/sheet1.xml"] =
                    $"<worksheet xmlns=\"{ns}\"><sheetData><row r=\"1\"><c r=\"A1\" "
                    + "t=\"s\"><v>0</v></c></row></sheetData></worksheet>",
            }
        );
    }

    private static byte[] Package(
        string bombPart,
        string head,
        string repeat,
        string tail,
        long inflated,
        int extraParts,
        Dictionary<string, string> others
    )
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Small(string name, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                w.Write(text);
            }
            Small(
                "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\""
                    + "application/xml\"/></Types>"
            );
            Small("_rels/.rels", string.Format(Rels, bombPart.StartsWith("word/") ? bombPart : "xl/workbook.xml"));
            foreach (var (name, text) in others)
                Small(name, text);
            for (var i = 0; i < extraParts; i++)
                Small($"word/media/part{i}.xml", "<x/>");

            using var bomb = zip.CreateEntry(bombPart, CompressionLevel.SmallestSize).Open();
            var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(repeat, 4096)));
            bomb.Write(Encoding.UTF8.GetBytes(head));
            for (long written = 0; written < inflated; written += chunk.Length)
                bomb.Write(chunk);
            bomb.Write(Encoding.UTF8.GetBytes(tail));
        }
        return file.ToArray();
    }
}
