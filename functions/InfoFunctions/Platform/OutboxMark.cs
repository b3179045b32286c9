namespace InfoFunctions.Platform;

/// <summary>
/// One mark as the sweep reads it: <see cref="Kind"/> (<see cref="OutboxMarks.Rows"/> or
/// <see cref="OutboxMarks.Source"/>), the table and partition, and the window [<see cref="From"/>, <see cref="To"/>).
/// </summary>
public sealed record OutboxMark(char Kind, string Table, string PartitionKey, DateTimeOffset From, DateTimeOffset To,
    string RowKey, ETag ETag);
