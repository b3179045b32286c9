using System.IO.Compression;
using System.Xml;

namespace InfoFunctions.Platform;

/// <summary>
/// An Office file (.docx, .xlsx: a zip of XML parts) read within limits, because a few hundred KB of zip can
/// inflate to gigabytes. Opening checks the part count and the declared sizes from the zip directory (nothing is
/// inflated); each part is then streamed through a meter that stops at its real size, whatever the directory
/// claims, and the XML is read forward-only, never as a tree. Readers stop at <see cref="OfficeLimits.MaxChars"/>.
/// A refusal is a <see cref="Problem"/>: <c>office-limit</c> (413, a Chinese reason) or <c>office-unreadable</c>.
/// </summary>
public sealed class OfficePackage : IDisposable
{
    private const string RelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeDocument =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

    private readonly ZipArchive _zip;
    private long _inflated;

    public OfficeLimits Limits { get; }
    public string Name { get; }

    private OfficePackage(ZipArchive zip, OfficeLimits limits, string name) =>
        (_zip, Limits, Name) = (zip, limits, name);

    public static Problem LimitProblem(string detail) => Problem.TooLarge("office-limit", detail);

    public static Problem Unreadable(string name) =>
        Problem.Invalid("office-unreadable", $"文件“{name}”不是有效的 Office 文件（已损坏或格式不符）。");

    /// <summary>
    /// The package; a limit it is over (<c>office-limit</c>), or not a zip (<c>office-unreadable</c>).
    /// </summary>
    public static Result<OfficePackage> Open(Stream stream, OfficeLimits limits, string name)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            return Unreadable(name);
        }
        if (Check(zip, limits, name) is not { } over)
            return new OfficePackage(zip, limits, name);
        zip.Dispose();
        return over;
    }

    /// <summary>
    /// Runs a reader over the package: reading past a limit becomes <c>office-limit</c>, broken zip or XML
    /// <c>office-unreadable</c>.
    /// </summary>
    public Result<T> Extract<T>(Func<OfficePackage, Result<T>> read)
    {
        try
        {
            return read(this);
        }
        catch (FileTooLargeException)
        {
            return LimitProblem(
                $"文件“{Name}”解压后超过上限 {ByteSize.Text(Math.Min(Limits.MaxPartBytes,
                Limits.MaxTotalBytes))}，疑为压缩炸弹。"
            );
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            return Unreadable(Name);
        }
    }

    public Problem TooManyChars() => LimitProblem($"文件“{Name}”的文字超过 {Limits.MaxChars} 个字符的上限。");

    /// <summary>The directory checks alone (an upload is checked, not read).</summary>
    public static Problem? Check(ZipArchive zip, OfficeLimits limits, string name)
    {
        if (zip.Entries.Count > limits.MaxParts)
            return LimitProblem(
                $"文件“{name}”含 {zip.Entries.Count} 个部件，超过上限 {limits.MaxParts} 个，疑为压缩炸弹。"
            );
        var declared = zip.Entries.Sum(e => Math.Max(0, e.Length));
        if (declared > limits.MaxTotalBytes)
            return LimitProblem(
                $"文件“{name}”解压后为 {ByteSize.Text(declared)}，超过上限 "
                    + $"{ByteSize.Text(limits.MaxTotalBytes)}，疑为压缩炸弹。"
            );
        return null;
    }

    public bool Has(string partName) => _zip.GetEntry(partName) is not null;

    /// <summary>
    /// A forward-only reader over one part, or null when it is missing. Reading past the part or package limit
    /// throws <see cref="FileTooLargeException"/>.
    /// </summary>
    public XmlReader? Read(string partName)
    {
        var entry = _zip.GetEntry(partName);
        if (entry is null)
            return null;
        var budget = Math.Min(Limits.MaxPartBytes, Limits.MaxTotalBytes - _inflated);
        var metered = new MeteredStream(entry.Open(), budget, observe: chunk => _inflated += chunk.Length);
        return XmlReader.Create(
            metered,
            new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                CloseInput = true,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                IgnoreWhitespace = false,
            }
        );
    }

    /// <summary>The main part (<c>word/document.xml</c>, <c>xl/workbook.xml</c>) named in <c>_rels/.rels</c>.</summary>
    public string? MainPart() => Related("", OfficeDocument, null);

    /// <summary>
    /// The target of a relationship of <paramref name="partName"/>, by type or by id, as a part name.
    /// </summary>
    public string? Related(string partName, string? type, string? id)
    {
        var folder = partName.Contains('/') ? partName[..partName.LastIndexOf('/')] : "";
        var file = partName.Contains('/') ? partName[(partName.LastIndexOf('/') + 1)..] : partName;
        using var rels = Read((folder.Length > 0 ? folder + "/" : "") + "_rels/" + file + ".rels");
        if (rels is null)
            return null;
        while (rels.Read())
        {
            if (rels.NodeType != XmlNodeType.Element || rels.LocalName != "Relationship" || rels.NamespaceURI != RelNs)
                continue;
            if (
                (type is not null && rels.GetAttribute("Type") == type)
                || (id is not null && rels.GetAttribute("Id") == id)
            )
                return Resolve(folder, rels.GetAttribute("Target") ?? "");
        }
        return null;
    }

    private static string Resolve(string folder, string target)
    {
        if (target.StartsWith('/'))
            return target.TrimStart('/');
        var parts = (folder.Length > 0 ? folder + "/" + target : target).Split('/').ToList();
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i] == "..")
            {
                parts.RemoveAt(i);
                if (i > 0)
                    parts.RemoveAt(--i);
                i--;
            }
            else if (parts[i] == ".")
                parts.RemoveAt(i--);
        }
        return string.Join('/', parts);
    }

    public void Dispose() => _zip.Dispose();
}
