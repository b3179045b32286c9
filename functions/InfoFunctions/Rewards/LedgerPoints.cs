using InfoFunctions.Dispatch;

namespace InfoFunctions.Rewards;

/// <summary>
/// Points as the 通报 reads them: people's ledger lines whose fact happened in [from, to), each
/// counted for the unit the same fact credited. Late lines booked into the next half-year as
/// adjustments still count where the fact happened, so that half-year is read too.
/// </summary>
public sealed class LedgerPoints(LedgerStore ledger) : IPointsSource
{
    public async Task<IReadOnlyList<PointsRecord>> LoadAsync(DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct)
    {
        var lines = new List<LedgerLine>();
        var first = HalfYear.Of(from);
        foreach (var period in new[] { first, first.Next })
            await foreach (var line in ledger.ScanAsync(period, ct: ct))
                if (line.OccurredAt >= from && line.OccurredAt < to) lines.Add(line);

        var unitOfEvent = lines.Where(l => l.PartyKind == PartyKind.Unit)
            .GroupBy(l => l.EventId).ToDictionary(g => g.Key, g => g.First().PartyId);
        return lines.Where(l => l.PartyKind == PartyKind.Person && unitOfEvent.ContainsKey(l.EventId))
            .Select(l => new PointsRecord(unitOfEvent[l.EventId], l.PartyId, l.PartyName, l.Points)).ToList();
    }
}
