namespace InfoFunctions.Review;

/// <summary>
/// Near-duplicate detection for Chinese text, which has no word boundaries: the text is normalised
/// (letters and digits only, full-width folded), cut into character 3-gram shingles, and summarised
/// by a 64-value MinHash signature. Two signatures agree in a fraction of positions that estimates
/// the Jaccard similarity of the shingle sets, so a rephrased copy (sentences reordered, words
/// swapped) still scores high while unrelated reports on similar topics score low.
/// </summary>
public static class NearDuplicates
{
    public const int ShingleLength = 3;
    public const int SignatureLength = 64;

    /// <summary>Estimated Jaccard at or above which a report is flagged; tuned by the tests.</summary>
    public const double Threshold = 0.30;

    public static string Normalize(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
            if (char.IsLetterOrDigit(c))
                sb.Append(c);
        return sb.ToString();
    }

    public static HashSet<ulong> Shingles(string text)
    {
        var s = Normalize(text);
        var set = new HashSet<ulong>();
        if (s.Length == 0)
            return set;
        if (s.Length < ShingleLength)
        {
            set.Add(Hash(s));
            return set;
        }
        for (var i = 0; i + ShingleLength <= s.Length; i++)
            set.Add(Hash(s.AsSpan(i, ShingleLength)));
        return set;
    }

    public static double Jaccard(IReadOnlySet<ulong> a, IReadOnlySet<ulong> b)
    {
        if (a.Count == 0 && b.Count == 0)
            return 0;
        var inter = a.Count(b.Contains);
        return (double)inter / (a.Count + b.Count - inter);
    }

    /// <summary>MinHash: for each of 64 seeded permutations, the smallest shingle hash.</summary>
    public static ulong[] Signature(string text)
    {
        var sig = new ulong[SignatureLength];
        Array.Fill(sig, ulong.MaxValue);
        foreach (var h in Shingles(text))
            for (var i = 0; i < SignatureLength; i++)
            {
                var v = Mix(h ^ Seeds[i]);
                if (v < sig[i])
                    sig[i] = v;
            }
        return sig;
    }

    public static double Similarity(ulong[] a, ulong[] b)
    {
        if (a.Length != b.Length || a.Length == 0 || a[0] == ulong.MaxValue || b[0] == ulong.MaxValue)
            return 0;
        var same = 0;
        for (var i = 0; i < a.Length; i++)
            if (a[i] == b[i])
                same++;
        return (double)same / a.Length;
    }

    public static byte[] ToBytes(ulong[] sig)
    {
        var bytes = new byte[sig.Length * 8];
        for (var i = 0; i < sig.Length; i++)
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8), sig[i]);
        return bytes;
    }

    public static ulong[] FromBytes(byte[] bytes)
    {
        var sig = new ulong[bytes.Length / 8];
        for (var i = 0; i < sig.Length; i++)
            sig[i] = BitConverter.ToUInt64(bytes, i * 8);
        return sig;
    }

    /// <summary>Fingerprint partitions (months in Asia/Shanghai) that cover the look-back window.</summary>
    public static IReadOnlyList<string> Months(DateTimeOffset now, int days)
    {
        var tz = BusinessTime.Zone;
        var end = TimeZoneInfo.ConvertTime(now, tz);
        var start = TimeZoneInfo.ConvertTime(now.AddDays(-days), tz);
        var list = new List<string>();
        for (var m = new DateTime(start.Year, start.Month, 1); m <= end.DateTime; m = m.AddMonths(1))
            list.Add(m.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        return list;
    }

    private static ulong Hash(ReadOnlySpan<char> s)
    {
        var h = 14695981039346656037UL; // FNV-1a over UTF-16 code units
        foreach (var c in s)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return Mix(h);
    }

    private static ulong Mix(ulong x)
    {
        // splitmix64 finaliser: a cheap, well-spread permutation per seed.
        x ^= x >> 30;
        x *= 0xbf58476d1ce4e5b9UL;
        x ^= x >> 27;
        x *= 0x94d049bb133111ebUL;
        return x ^ (x >> 31);
    }

    private static readonly ulong[] Seeds = Enumerable
        .Range(1, SignatureLength)
        .Select(i => Mix((ulong)i * 0x9e3779b97f4a7c15UL))
        .ToArray();
}
