namespace InfoFunctions.Benchmarks;

/// <summary>
/// The one table a scenario prints: Markdown, columns padded to their widest cell, numbers right-aligned.
/// </summary>
public sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public Table Row(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public void Print()
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";
        Console.WriteLine();
        Console.WriteLine(Line(headers.Select((h, i) => h.PadRight(widths[i]))));
        Console.WriteLine(Line(widths.Select((w, i) => i == 0 ? new string('-', w) : new string('-', w - 1) + ":")));
        foreach (var row in _rows)
            Console.WriteLine(Line(row.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))));
        Console.WriteLine();
    }
}
