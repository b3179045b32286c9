namespace InfoFunctions.Platform;

/// <summary>
/// The code pages (GBK, GB18030, Big5…) with one correction: text labelled <c>gb2312</c>, <c>gbk</c>,
/// <c>x-gbk</c>, <c>cp936</c> (code pages 936, 51936, 20936) is decoded as GB18030, its superset. Mail clients and
/// Excel on
/// Chinese Windows write GB18030 and label it GB2312, so a character only GB18030 has (CJK Extension A,
/// a 4-byte sequence) would otherwise become “?”. For every character GBK has, both encode the same bytes.
/// </summary>
public sealed class ChineseEncodings : EncodingProvider
{
    public const int Gb18030CodePage = 54936;
    private static readonly ChineseEncodings Instance = new();
    private static readonly object Gate = new();
    private static bool _registered;

    private static readonly HashSet<string> GbLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "csgb2312", "gb_2312-80", "gb_2312", "euc-cn",
        "x-euc-cn", "chinese", "iso-ir-58", "csiso58gb231280",
    };

    /// <summary>Registers the code pages behind this correction; call before anything decodes text.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
                return;
            // Providers are asked in the order they were registered: the correction must come first.
            Encoding.RegisterProvider(Instance);
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            _registered = true;
        }
    }

    public static Encoding Gb18030 => CodePagesEncodingProvider.Instance.GetEncoding(Gb18030CodePage)!;

    public static bool IsGbLabel(string? name) => name is not null && GbLabels.Contains(name.Trim());

    /// <summary>
    /// 936 (GBK), and 51936/20936 (EUC-CN, GB2312), which MimeKit picks for <c>gbk</c> and <c>x-gbk</c>.
    /// </summary>
    public override Encoding? GetEncoding(int codepage) => codepage is 936 or 51936 or 20936 ? Gb18030 : null;

    public override Encoding? GetEncoding(string name) => IsGbLabel(name) ? Gb18030 : null;

    public override IEnumerable<EncodingInfo> GetEncodings() => [];
}
