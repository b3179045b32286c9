using InfoFunctions.Review;
using InfoFunctions.Submissions;
using Xunit;

namespace InfoFunctions.Tests.Review;

/// <summary>The assignment rule alone: turns from tracking numbers, even without a shared counter.</summary>
public class EditorTurnsTests
{
    private static readonly string[] Five = ["ed-a", "ed-b", "ed-c", "ed-d", "ed-e"];

    /// <summary>Busiest over least busy editor, after assigning <paramref name="numbers"/>.</summary>
    public static (int Most, int Least) Spread(IReadOnlyList<string> onDuty, IEnumerable<long> numbers)
    {
        var counts = onDuty.ToDictionary(x => x, _ => 0);
        foreach (var n in numbers)
            counts[EditorTurns.Pick(onDuty, TrackingNumbers.Format(2026, n), $"yq~{n:x16}")]++;
        return (counts.Values.Max(), counts.Values.Min());
    }

    [Fact]
    public void Consecutive_numbers_go_round_the_editors()
    {
        var picks = Enumerable.Range(1, 10).Select(n => EditorTurns.Pick(Five, TrackingNumbers.Format(2026, n), "x"));
        Assert.Equal(["ed-a", "ed-b", "ed-c", "ed-d", "ed-e", "ed-a", "ed-b", "ed-c", "ed-d", "ed-e"], picks);
        Assert.Equal((200, 200), Spread(Five, Enumerable.Range(1, 1000).Select(n => (long)n)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(13)]
    public void Blocks_cut_short_by_stopping_instances_still_share_1000_reports_within_10_percent(int usedPerBlock)
    {
        // Each instance takes a block of 50 numbers and stops after using only the first few (a quiet day on a
        // consumption plan): the numbers are 1..k, 51..50+k, 101..100+k, …
        var numbers = Enumerable.Range(0, 1000).Select(i =>
            (long)(i / usedPerBlock) * TrackingNumbers.BlockSize + i % usedPerBlock + 1);
        var (most, least) = Spread(Five, numbers);
        Assert.True(most <= least * 1.10, $"{usedPerBlock} a block: busiest {most}, least busy {least}");
    }

    [Fact]
    public void Numbers_the_app_did_not_issue_still_spread_and_always_give_the_same_editor()
    {
        var picks = Enumerable.Range(0, 1000).Select(i => EditorTurns.Pick(Five, "imported-" + i, $"yq~{i:x16}"))
            .ToList();
        Assert.Equal(Five, picks.Distinct().Order());
        Assert.Equal(picks[7], EditorTurns.Pick(Five, "imported-7", $"yq~{7:x16}"));
    }
}
