using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace InfoFunctions.Submissions;

/// <summary>The plain text of a .docx: its paragraphs' texts joined with line breaks.</summary>
public static class DocxText
{
    public static string? TryExtract(Stream docx)
    {
        try
        {
            using var doc = WordprocessingDocument.Open(docx, false);
            var body = doc.MainDocumentPart?.Document?.Body;
            if (body is null) return null;
            var lines = body.Descendants<Paragraph>().Select(p => string.Concat(p.Descendants<Text>().Select(t => t.Text)));
            return PlainText.Normalize(string.Join('\n', lines));
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException or FileFormatException)
        {
            return null;
        }
    }
}
