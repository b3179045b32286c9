using System.IO.Compression;
using System.Security.Cryptography;

namespace InfoFunctions.Platform;

/// <summary>
/// Outbox rows as they sit beside a change in its partition: row key <c>~outbox~&lt;created&gt;-&lt;random&gt;-n</c>
/// (<c>~</c> sorts after every other row key the app writes, so a store that reads a whole partition excludes them
/// with <c>RowKey lt '~outbox~'</c>), the messages as gzip'd JSON in binary columns <c>Part0</c>… of 64 000 bytes.
/// </summary>
public static class OutboxRows
{
    public const string Prefix = "~outbox~";
    /// <summary>Past every outbox row key: after the prefix come digits and dashes, which sort before '~'.</summary>
    public const string End = Prefix + "~";
    public const string Type = "outbox";

    private const int PartBytes = 64_000, MaxParts = 14;
    /// <summary>One transaction carries at most 4 MiB (binary travels as base64) and 100 entities.</summary>
    private const int MaxBatchBytes = 2 * 1024 * 1024, MaxRows = 90;

    /// <summary>A query filter for one partition's outbox rows.</summary>
    public static string In(string partitionKey) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {partitionKey} and RowKey ge {Prefix} and RowKey lt {End}");

    internal static IReadOnlyList<TableEntity> ToEntities(string partitionKey, IReadOnlyList<OutboxMessage> messages,
        DateTimeOffset now)
    {
        var chunks = new List<byte[]>();
        Pack(messages, chunks);
        if (chunks.Count > MaxRows || chunks.Sum(c => c.Length) > MaxBatchBytes)
            throw new InvalidOperationException(
                $"一次变更附带的消息过多（{messages.Count} 条），超出一个实体组事务的容量。");
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var stem = $"{Prefix}{now.UtcDateTime:yyyyMMddHHmmssfff}-{random}";
        return chunks.Select((bytes, n) =>
        {
            var e = new TableEntity(partitionKey, $"{stem}-{n}") { ["Type"] = Type, ["CreatedAt"] = now };
            for (var i = 0; i * PartBytes < bytes.Length; i++)
                e[$"Part{i}"] = bytes[(i * PartBytes)..Math.Min(bytes.Length, (i + 1) * PartBytes)];
            return e;
        }).ToList();
    }

    internal static IReadOnlyList<OutboxMessage> Read(TableEntity row)
    {
        using var gathered = new MemoryStream();
        for (var i = 0; row.GetBinary($"Part{i}") is { } part; i++) gathered.Write(part);
        gathered.Position = 0;
        using var unzip = new GZipStream(gathered, CompressionMode.Decompress);
        return JsonSerializer.Deserialize<List<OutboxMessage>>(unzip, Json.Options) ?? [];
    }

    /// <summary>Compressed messages, halved until each half fits one row.</summary>
    private static void Pack(IReadOnlyList<OutboxMessage> messages, List<byte[]> rows)
    {
        var bytes = Compress(messages);
        if (bytes.Length <= PartBytes * MaxParts) { rows.Add(bytes); return; }
        if (messages.Count == 1) throw new InvalidOperationException("单条消息过大，无法写入发件箱。");
        Pack(messages.Take(messages.Count / 2).ToList(), rows);
        Pack(messages.Skip(messages.Count / 2).ToList(), rows);
    }

    private static byte[] Compress(IReadOnlyList<OutboxMessage> messages)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(zip, messages, Json.Options);
        return buffer.ToArray();
    }
}
