namespace InfoFunctions.Review;

public enum DiffOp { Equal, Insert, Delete }

public sealed record DiffSegment(DiffOp Op, string Text);

/// <summary>
/// A character-level diff (longest common subsequence), which suits Chinese: there are no word
/// boundaries to split on. Common prefix and suffix are trimmed first so typical edits stay cheap;
/// beyond <see cref="MaxCells"/> the middle is shown as one delete and one insert.
/// </summary>
public static class TextDiff
{
    public const long MaxCells = 4_000_000;

    public static IReadOnlyList<DiffSegment> Compute(string before, string after)
    {
        var prefix = 0;
        while (prefix < before.Length && prefix < after.Length && before[prefix] == after[prefix]) prefix++;
        var suffix = 0;
        while (suffix < before.Length - prefix && suffix < after.Length - prefix && before[^(suffix + 1)] == after[^(suffix + 1)]) suffix++;
        var a = before.Substring(prefix, before.Length - prefix - suffix);
        var b = after.Substring(prefix, after.Length - prefix - suffix);

        var ops = new List<(DiffOp Op, char C)>();
        if ((long)a.Length * b.Length > MaxCells)
        {
            ops.AddRange(a.Select(c => (DiffOp.Delete, c)));
            ops.AddRange(b.Select(c => (DiffOp.Insert, c)));
        }
        else
        {
            // lcs[i, j] = LCS length of a[i..] and b[j..].
            var lcs = new int[a.Length + 1, b.Length + 1];
            for (var i = a.Length - 1; i >= 0; i--)
                for (var j = b.Length - 1; j >= 0; j--)
                    lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            int x = 0, y = 0;
            while (x < a.Length && y < b.Length)
            {
                if (a[x] == b[y]) { ops.Add((DiffOp.Equal, a[x])); x++; y++; }
                else if (lcs[x + 1, y] >= lcs[x, y + 1]) ops.Add((DiffOp.Delete, a[x++]));
                else ops.Add((DiffOp.Insert, b[y++]));
            }
            while (x < a.Length) ops.Add((DiffOp.Delete, a[x++]));
            while (y < b.Length) ops.Add((DiffOp.Insert, b[y++]));
        }

        var segments = new List<DiffSegment>();
        void Add(DiffOp op, string text)
        {
            if (text.Length == 0) return;
            if (segments.Count > 0 && segments[^1].Op == op) segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
            else segments.Add(new(op, text));
        }
        Add(DiffOp.Equal, before[..prefix]);
        foreach (var (op, c) in ops) Add(op, c.ToString());
        Add(DiffOp.Equal, before[(before.Length - suffix)..]);
        return segments;
    }

    /// <summary>Rebuilds either side, so tests can check a diff is faithful.</summary>
    public static string Side(IEnumerable<DiffSegment> segments, bool after) =>
        string.Concat(segments.Where(s => s.Op == DiffOp.Equal || s.Op == (after ? DiffOp.Insert : DiffOp.Delete)).Select(s => s.Text));
}
