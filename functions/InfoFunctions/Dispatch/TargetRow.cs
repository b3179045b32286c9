namespace InfoFunctions.Dispatch;

/// <summary>A target (定目标) as stored: PK period id, RK unit id.</summary>
public sealed record TargetRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Submissions { get; set; }
    public int Adoptions { get; set; }
    public string? Meeting { get; set; }
    public string SetBy { get; set; } = "";
    public DateTimeOffset SetAt { get; set; }

    public UnitTarget ToTarget() => new(RowKey, Submissions, Adoptions);
}
