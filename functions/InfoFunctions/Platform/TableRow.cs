namespace InfoFunctions.Platform;

/// <summary>The keys and metadata every typed table entity carries; its own properties are the row's columns.</summary>
public abstract class TableRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
}
