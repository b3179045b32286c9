namespace InfoFunctions.Rewards;

/// <summary>
/// Folds a period's lines, which arrive grouped by party, into statements: one running sum per
/// party and at most <see cref="MaxItems"/> items keyed by report and carrier (totals stay exact and
/// the ledger keeps every line), so memory is flat in the number of lines per person.
/// </summary>
public sealed class StatementAggregator(string period, Func<string, string> carrierName,
    int maxItems = StatementAggregator.MaxItems)
{
    /// <summary>Items a statement lists; an officer has far fewer adoptions in a half-year.</summary>
    public const int MaxItems = 100;

    private string? _party;
    private PartyKind _kind;
    private string _id = "", _name = "";
    private decimal _points, _yuan, _adjYuan;
    private int _lines;
    private bool _truncated;
    private readonly Dictionary<(string Report, string What), StatementItem> _items = [];
    private readonly HashSet<string> _adopted = [];
    private readonly List<Statement> _done = [];
    public long LineCount { get; private set; }

    public void Add(LedgerLine l)
    {
        var key = l.PartyKey;
        if (key != _party) { Flush(); _party = key; _kind = l.PartyKind; _id = l.PartyId; _name = l.PartyName; }
        LineCount++;
        _lines++;
        _points += l.Points;
        _yuan += l.Yuan;
        if (l.Adjustment) _adjYuan += l.Yuan;
        var what = l.EventKind switch
        {
            LedgerEventKind.Adoption or LedgerEventKind.AdoptionCorrection =>
                l.CarrierId is null ? "采用更正" : carrierName(l.CarrierId),
            LedgerEventKind.Endorsement => "领导批示",
            LedgerEventKind.Penalty => "扣分",
            _ => "好信息评选",
        };
        if (l.EventKind is LedgerEventKind.Adoption or LedgerEventKind.AdoptionCorrection && l.CarrierId is not null
            && _adopted.Count < 10_000) _adopted.Add(l.ReportId);
        var k = (l.ReportId, what + (l.Adjustment ? "（跨期调整）" : ""));
        var note = TopUp(l);
        if (_items.TryGetValue(k, out var item))
            _items[k] = item with
            {
                Points = item.Points + l.Points,
                Yuan = item.Yuan + l.Yuan,
                Title = item.Title ?? l.Title,
                Issue = item.Issue ?? l.Issue,
                Note = item.Note ?? note
            };
        else if (_items.Count < maxItems)
            _items[k] = new StatementItem(l.ReportId, l.TrackingNumber, l.Title, k.Item2, l.Issue, l.Points, l.Yuan,
                l.Adjustment, note);
        else _truncated = true;
    }

    /// <summary>The line's reason from 补差 on, when the line tops a report up to a higher carrier.</summary>
    private static string? TopUp(LedgerLine l) =>
        l.Reason.IndexOf("补差", StringComparison.Ordinal) is var i and >= 0 ? l.Reason[i..] : null;

    /// <summary>All statements, ordered by party key.</summary>
    public IReadOnlyList<Statement> Complete()
    {
        Flush();
        return _done;
    }

    private void Flush()
    {
        if (_party is null) return;
        var items = _items.Values.OrderBy(i => i.TrackingNumber, StringComparer.Ordinal)
            .ThenBy(i => i.What, StringComparer.Ordinal).ToList();
        _done.Add(new Statement(period, _kind, _id, _name, _kind == PartyKind.Unit ? _id : null, null,
            _points, _yuan, _adopted.Count, _adjYuan, _lines, items, _truncated));
        _items.Clear();
        _adopted.Clear();
        _points = _yuan = _adjYuan = 0;
        _lines = 0;
        _truncated = false;
        _party = null;
    }
}
