using System.Text;

namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>
/// CSV saved by Excel on a Chinese Windows is GB18030 (GBK); elsewhere it is UTF-8, with or without
/// a BOM. Bytes that are valid UTF-8 are read as UTF-8; anything else as GB18030.
/// </summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes, string? declaredCharset = null)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return StrictUtf8.GetString(bytes[3..]);
        if (declaredCharset is { Length: > 0 } && !declaredCharset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && TryGetEncoding(declaredCharset) is { } declared)
            return declared.GetString(bytes);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Gb18030.GetString(bytes);
        }
    }

    /// <summary>GB18030 is a superset of GBK and GB2312. Needs CodePagesEncodingProvider (registered at start-up).</summary>
    public static Encoding Gb18030
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030");
        }
    }

    private static Encoding? TryGetEncoding(string name)
    {
        try
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
