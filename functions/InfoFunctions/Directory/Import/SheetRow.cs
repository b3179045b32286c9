namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>One record of a spreadsheet: its line (CSV, 1-based, header included) or row number (XLSX).</summary>
public sealed record SheetRow(int Line, IReadOnlyList<string> Cells)
{
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
    public string Cell(int index) => index < Cells.Count ? Cells[index].Trim() : "";
}
