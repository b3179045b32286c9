using System.Text;

namespace InfoFunctions.Submissions;

/// <summary>An allowed file type: its extensions, the signature family it must match, and how it is served.</summary>
public sealed record FileType(string Extension, string ContentType, AttachmentKind Kind, Signature Signature);

public enum Signature { Jpeg, Png, Gif, Webp, Pdf, Ole, Zip, Mp4, Text, Unknown }

/// <summary>
/// Types are decided by content, not by name: the extension must be allowed AND the first bytes
/// must carry that type's signature. A .docx must also be a zip holding a <c>word/</c> entry,
/// which is only known once the whole file has passed (<see cref="InspectingStream"/>).
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
        ["docx"] = new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", AttachmentKind.Document, Signature.Zip),
        ["txt"] = new("txt", "text/plain; charset=utf-8", AttachmentKind.Text, Signature.Text),
        ["mp4"] = new("mp4", "video/mp4", AttachmentKind.Video, Signature.Mp4),
    };

    public static string AllowedList => "jpg、png、gif、webp、doc、docx、wps、pdf、txt、mp4";

    public static Signature Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Signature.Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Signature.Png;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Signature.Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return Signature.Webp;
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
        if (System.Text.Unicode.Utf8.ToUtf16(head, chars, out _, out _, replaceInvalidSequences: false, isFinalBlock: false)
            is System.Buffers.OperationStatus.Done or System.Buffers.OperationStatus.NeedMoreData)
            return true;
        try
        {
            var gb = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetDecoder();
            gb.GetChars(head, chars, flush: false);
            return true;
        }
        catch (DecoderFallbackException) { return false; }
    }

    /// <summary>The allowed type for a file name and its first bytes, or why not.</summary>
    public static (FileType? Type, string? Problem) Check(string fileName, ReadOnlySpan<byte> head)
    {
        var ext = FileNames.Extension(fileName);
        if (!Allowed.TryGetValue(ext, out var type))
            return (null, $"文件“{fileName}”的类型不允许；允许的类型：{AllowedList}。");
        var actual = Detect(head);
        if (actual != type.Signature)
            return (null, $"文件“{fileName}”的内容与扩展名 .{ext} 不符（检测为 {Describe(actual)}），请上传真实的 {ext} 文件。");
        return (type, null);
    }

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

/// <summary>
/// Passes a stream through while keeping its first bytes (for the signature), counting its length
/// (for limits), hashing it, and noticing a zip <c>word/</c> entry name (for .docx).
/// Throws <see cref="FileTooLargeException"/> once more than <c>limit</c> bytes have passed.
/// </summary>
public sealed class InspectingStream(Stream inner, long limit) : Stream
{
    private readonly byte[] _head = new byte[ContentSniffer.HeadLength];
    private readonly System.Security.Cryptography.IncrementalHash _hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
    private readonly byte[] _tail = new byte[8];
    private int _tailLength;
    public int HeadLength { get; private set; }
    public long Length_ { get; private set; }
    public bool SawWordEntry { get; private set; }
    public ReadOnlySpan<byte> Head => _head.AsSpan(0, HeadLength);

    public byte[] Sha256() => _hash.GetHashAndReset();

    /// <summary>Fills the head buffer before anything is uploaded, so the type is checked first.</summary>
    public async Task<int> PrimeAsync(CancellationToken ct)
    {
        _primed = new byte[ContentSniffer.HeadLength];
        int n = 0, r;
        while (n < _primed.Length && (r = await inner.ReadAsync(_primed.AsMemory(n), ct)) > 0) n += r;
        _primedLength = n;
        Observe(_primed.AsSpan(0, n));
        return n;
    }

    private byte[]? _primed;
    private int _primedLength, _primedOffset;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (_primed is not null && _primedOffset < _primedLength)
        {
            var n = Math.Min(buffer.Length, _primedLength - _primedOffset);
            _primed.AsMemory(_primedOffset, n).CopyTo(buffer);
            _primedOffset += n;
            return n;
        }
        var read = await inner.ReadAsync(buffer, ct);
        Observe(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    private void Observe(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty) return;
        if (HeadLength < _head.Length)
        {
            var n = Math.Min(chunk.Length, _head.Length - HeadLength);
            chunk[..n].CopyTo(_head.AsSpan(HeadLength));
            HeadLength += n;
        }
        Length_ += chunk.Length;
        if (Length_ > limit) throw new FileTooLargeException(Length_);
        _hash.AppendData(chunk);
        if (!SawWordEntry)
        {
            // Look for "word/" across chunk borders: the last bytes of the previous chunk plus this one.
            Span<byte> joined = stackalloc byte[_tailLength + Math.Min(chunk.Length, 8)];
            _tail.AsSpan(0, _tailLength).CopyTo(joined);
            chunk[..Math.Min(chunk.Length, 8)].CopyTo(joined[_tailLength..]);
            if (joined.IndexOf("word/"u8) >= 0 || chunk.IndexOf("word/"u8) >= 0) SawWordEntry = true;
            _tailLength = Math.Min(chunk.Length, 8);
            chunk[^_tailLength..].CopyTo(_tail);
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Length_; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    protected override void Dispose(bool disposing) { if (disposing) _hash.Dispose(); base.Dispose(disposing); }
}

public sealed class FileTooLargeException(long seen) : Exception($"文件超过大小上限（已读取 {seen} 字节）。")
{
    public long Seen { get; } = seen;
}
