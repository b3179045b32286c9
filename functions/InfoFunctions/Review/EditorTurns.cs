using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// Whose turn a report is, from its tracking number alone: no counter to share, so no instance waits for
/// another. Tracking numbers are unique and handed out in blocks of <see cref="TrackingNumbers.BlockSize"/>
/// (one block per instance at a time), so numbers in a block are consecutive and each block is a round robin
/// of its own. Each block starts one editor further on than the block before: an instance that stops early
/// leaves its block partly used, and without the shift every short block would favour the same first editors
/// (at city volumes, on a consumption plan, most blocks are short). Each block then gives every editor the same
/// count within one, so over N reports the busiest and the least busy editor differ by at most the number of
/// partly used blocks, and usually by less.
/// </summary>
public static class EditorTurns
{
    /// <summary>The editor for a report among <paramref name="onDuty"/> (not empty, in a stable order).</summary>
    public static T Pick<T>(IReadOnlyList<T> onDuty, string? trackingNumber, string reportId) =>
        onDuty[(int)(Turn(trackingNumber, reportId) % (ulong)onDuty.Count)];

    private static ulong Turn(string? trackingNumber, string reportId)
    {
        if (!TrackingNumbers.TryParse(trackingNumber, out var n))
            return StableHash(reportId); // not a number this app issued: spread by id
        var (block, place) = Math.DivRem(n - 1, TrackingNumbers.BlockSize);
        return (ulong)(block + place);
    }

    private static ulong StableHash(string s)
    {
        var h = 14695981039346656037UL; // FNV-1a: the same on every instance and run
        foreach (var c in s) { h ^= c; h *= 1099511628211UL; }
        return h;
    }
}
