using DiffPlex;

namespace InfoFunctions.Review;

/// <summary>
/// A character-level diff (DiffPlex), which suits Chinese: there are no word boundaries to split on. Common
/// prefix and suffix are trimmed first so typical edits stay cheap; when the rest passes <see cref="MaxCells"/>
/// (length × length) it is shown as one delete and one insert.
/// </summary>
public static class TextDiff
{
    public const long MaxCells = 4_000_000;

    public static IReadOnlyList<DiffSegment> Compute(string before, string after)
    {
        var prefix = 0;
        while (prefix < before.Length && prefix < after.Length && before[prefix] == after[prefix]) prefix++;
        var suffix = 0;
        while (suffix < before.Length - prefix && suffix < after.Length - prefix
               && before[^(suffix + 1)] == after[^(suffix + 1)]) suffix++;
        var a = before[prefix..^suffix];
        var b = after[prefix..^suffix];

        var segments = new List<DiffSegment>();
        void Add(DiffOp op, string text)
        {
            if (text.Length == 0) return;
            if (segments.Count > 0 && segments[^1].Op == op)
                segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
            else segments.Add(new(op, text));
        }

        Add(DiffOp.Equal, before[..prefix]);
        if ((long)a.Length * b.Length > MaxCells)
        {
            Add(DiffOp.Delete, a);
            Add(DiffOp.Insert, b);
        }
        else
        {
            var x = 0;
            foreach (var block in Differ.Instance.CreateCharacterDiffs(a, b, ignoreWhitespace: false).DiffBlocks)
            {
                Add(DiffOp.Equal, a[x..block.DeleteStartA]);
                Add(DiffOp.Delete, a.Substring(block.DeleteStartA, block.DeleteCountA));
                Add(DiffOp.Insert, b.Substring(block.InsertStartB, block.InsertCountB));
                x = block.DeleteStartA + block.DeleteCountA;
            }
            Add(DiffOp.Equal, a[x..]);
        }
        Add(DiffOp.Equal, before[^suffix..]);
        return segments;
    }

    /// <summary>Rebuilds either side, so tests can check a diff is faithful.</summary>
    public static string Side(IEnumerable<DiffSegment> segments, bool after) =>
        string.Concat(segments.Where(s => s.Op == DiffOp.Equal
            || s.Op == (after ? DiffOp.Insert : DiffOp.Delete)).Select(s => s.Text));
}
