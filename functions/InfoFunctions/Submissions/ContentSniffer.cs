namespace InfoFunctions.Submissions;

/// <summary>
/// Types are decided by content, not by name: the extension must be allowed AND the first bytes
/// must carry that type's signature. A .docx must also be a zip holding a <c>word/</c> entry,
/// which is only known once the whole file has passed (<see cref="FileInspection"/>).
/// </summary>
public static class ContentSniffer
{
    public const int HeadLength = 512;

    public static readonly IReadOnlyDictionary<string, FileType> Allowed = new Dictionary<string, FileType>
    {
        ["jpg"] = new("jpg", "image/jpeg", AttachmentKind.Image, Signature.Jpeg),
        ["jpeg"] = new("jpeg", "image/jpeg", AttachmentKind.Image, Signature.Jpeg),
        ["png"] = new("png", "image/png", AttachmentKind.Image, Signature.Png),
        ["gif"] = new("gif", "image/gif", AttachmentKind.Image, Signature.Gif),
        ["webp"] = new("webp", "image/webp", AttachmentKind.Image, Signature.Webp),
        ["pdf"] = new("pdf", "application/pdf", AttachmentKind.Document, Signature.Pdf),
        ["doc"] = new("doc", "application/msword", AttachmentKind.Document, Signature.Ole),
        ["wps"] = new("wps", "application/vnd.ms-works", AttachmentKind.Document, Signature.Ole),
        ["docx"] = new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            AttachmentKind.Document, Signature.Zip),
        ["txt"] = new("txt", "text/plain; charset=utf-8", AttachmentKind.Text, Signature.Text),
        ["mp4"] = new("mp4", "video/mp4", AttachmentKind.Video, Signature.Mp4),
    };

    public static string AllowedList => "jpg、png、gif、webp、doc、docx、wps、pdf、txt、mp4";

    public static Signature Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Signature.Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Signature.Png;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Signature.Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8)
            && head[8..12].SequenceEqual("WEBP"u8)) return Signature.Webp;
        if (head.StartsWith("%PDF-"u8)) return Signature.Pdf;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return Signature.Ole;
        if (head.StartsWith("PK\x03\x04"u8)) return Signature.Zip;
        if (head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8)) return Signature.Mp4;
        if (LooksLikeText(head)) return Signature.Text;
        return Signature.Unknown;
    }

    /// <summary>Text: no NULs or binary control bytes, and decodes as UTF-8 or GB18030.</summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0) return false;
        foreach (var b in head)
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x1B)) return false;
        // A multi-byte character may be cut at the end of the head: decode as a non-final block.
        var chars = new char[head.Length];
        if (System.Text.Unicode.Utf8.ToUtf16(head, chars, out _, out _, replaceInvalidSequences: false,
            isFinalBlock: false)
            is System.Buffers.OperationStatus.Done or System.Buffers.OperationStatus.NeedMoreData)
            return true;
        try
        {
            var gb = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback,
                DecoderFallback.ExceptionFallback).GetDecoder();
            gb.GetChars(head, chars, flush: false);
            return true;
        }
        catch (DecoderFallbackException) { return false; }
    }

    /// <summary>The allowed type for a file name and its first bytes, or why not (415).</summary>
    public static Result<FileType> Check(string fileName, ReadOnlySpan<byte> head)
    {
        var ext = FileNames.Extension(fileName);
        if (!Allowed.TryGetValue(ext, out var type)) return NotAllowed(fileName);
        var actual = Detect(head);
        if (actual != type.Signature)
            return Unsupported(
                $"文件“{fileName}”的内容与扩展名 .{ext} 不符（检测为 {Describe(actual)}），请上传真实的 {ext} 文件。");
        return type;
    }

    public static Problem NotAllowed(string fileName) =>
        Unsupported($"文件“{fileName}”的类型不允许；允许的类型：{AllowedList}。");

    public static Problem NotWord(string fileName) => Unsupported($"文件“{fileName}”不是有效的 Word（.docx）文档。");

    private static Problem Unsupported(string detail) => Problem.Unsupported("unsupported-file-type", detail);

    public static string Describe(Signature s) => s switch
    {
        Signature.Jpeg => "JPEG 图片",
        Signature.Png => "PNG 图片",
        Signature.Gif => "GIF 图片",
        Signature.Webp => "WebP 图片",
        Signature.Pdf => "PDF 文档",
        Signature.Ole => "Word/WPS 旧格式文档",
        Signature.Zip => "ZIP 压缩包",
        Signature.Mp4 => "MP4 视频",
        Signature.Text => "纯文本",
        _ => "未知的二进制内容",
    };
}
