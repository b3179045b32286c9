namespace InfoFunctions.Platform;

/// <summary>
/// Text whose charset is missing or unreliable (CSV saved by Excel on a Chinese Windows, mail fields): a
/// declared charset is used when known (GB labels read as GB18030); otherwise bytes that are valid UTF-8 are
/// read as UTF-8, with or without a BOM, and anything else as GB18030.
/// </summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(
        encoderShouldEmitUTF8Identifier: false,
        throwOnInvalidBytes: true
    );

    public static string Decode(ReadOnlySpan<byte> bytes, string? declaredCharset = null)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return StrictUtf8.GetString(bytes[3..]);
        if (
            declaredCharset is { Length: > 0 }
            && !declaredCharset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && TryGetEncoding(declaredCharset) is { } declared
        )
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

    /// <summary>GB18030 is a superset of GBK and GB2312.</summary>
    public static Encoding Gb18030 => ChineseEncodings.Gb18030;

    private static Encoding? TryGetEncoding(string name)
    {
        try
        {
            ChineseEncodings.Register();
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
