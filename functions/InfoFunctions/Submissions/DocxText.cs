using System.Xml;

namespace InfoFunctions.Submissions;

/// <summary>
/// The plain text of a .docx: its paragraphs' texts joined with line breaks, read forward-only within
/// <see cref="OfficeLimits"/> (a bomb ends as <c>office-limit</c>, not as gigabytes of memory).
/// </summary>
public static class DocxText
{
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    public static Result<string> Extract(Stream docx, string name, OfficeLimits? limits = null)
    {
        var opened = OfficePackage.Open(docx, limits ?? OfficeLimits.Report, name);
        if (!opened.IsOk) return opened.Problem!;
        using var package = opened.Value;
        return package.Extract(Read);
    }

    private static Result<string> Read(OfficePackage package)
    {
        using var xml = package.MainPart() is { } main ? package.Read(main) : null;
        if (xml is null) return OfficePackage.Unreadable(package.Name);
        var text = new StringBuilder();
        var line = new StringBuilder();
        var inText = false;
        while (xml.Read())
        {
            if (xml.NamespaceURI == W && xml.LocalName == "t")
                inText = xml.NodeType == XmlNodeType.Element && !xml.IsEmptyElement;
            else if (inText && xml.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace
                or XmlNodeType.Whitespace or XmlNodeType.CDATA)
                line.Append(xml.Value);
            else if (xml.NodeType == XmlNodeType.Element && xml.NamespaceURI == W && xml.LocalName == "tab")
                line.Append('\t');
            else if (xml.NodeType == XmlNodeType.EndElement && xml.NamespaceURI == W && xml.LocalName == "p")
            {
                text.Append(line).Append('\n');
                line.Clear();
            }
            if (text.Length + line.Length > package.Limits.MaxChars) return package.TooManyChars();
        }
        return PlainText.Normalize(text.Append(line).ToString());
    }
}
