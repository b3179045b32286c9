namespace InfoFunctions.Dispatch;

/// <summary>A target (定目标) as stored: PK period id, RK unit id.</summary>
public sealed class TargetRow : TableRow
{
    public int Submissions { get; set; }
    public int Adoptions { get; set; }
    public string? Meeting { get; set; }
    public string SetBy { get; set; } = "";
    public DateTimeOffset SetAt { get; set; }

    public UnitTarget ToTarget() => new(RowKey, Submissions, Adoptions);
}
