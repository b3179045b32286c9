using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using InfoFunctions.LocalHost;

namespace InfoFunctions.Benchmarks;

/// <summary>
/// Seeds a table by writing rows straight into the data file of a stopped Azurite (<see cref="Azurite.Version"/>:
/// LokiJS, <c>__azurite_db_table__.json</c>), in the form Azurite stores them itself. Through the API, Azurite finds a
/// row by partition key and then scans every row of that partition for the row key, so each insert into a partition
/// of n rows costs n: 150,000 ledger lines in two partitions took about nine minutes. Written here, seconds.
/// The form is checked against rows Azurite stored itself (<paramref name="stored"/>, inserted through the SDK
/// first): if a new Azurite stores rows differently, seeding stops with the difference instead of going wrong.
/// </summary>
public static class AzuriteTableFile
{
    private const string Account = "devstoreaccount1";

    /// <summary>
    /// Waits until Azurite (running on <paramref name="dataDirectory"/>) has saved <paramref name="stored"/>, which it
    /// does within 5 s of a change; stop it after this, then call <see cref="Append"/>.
    /// </summary>
    public static async Task WaitUntilSavedAsync(string dataDirectory, string table, IReadOnlyList<TableEntity> stored)
    {
        var path = FileOf(dataDirectory);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            if (!File.Exists(path)) continue;
            var docs = Collection(JsonNode.Parse(await File.ReadAllTextAsync(path))!, table)?["data"]?.AsArray();
            if (docs is not null && stored.All(e => docs.Any(d => (string?)d!["RowKey"] == e.RowKey))) return;
        }
        throw new InvalidOperationException($"Azurite did not save the {table} rows to {path} within 30 s.");
    }

    /// <summary>Adds <paramref name="rows"/> to <paramref name="table"/> in a stopped Azurite's data file.</summary>
    public static void Append(string dataDirectory, string table, IReadOnlyList<TableEntity> stored,
        IReadOnlyList<TableEntity> rows)
    {
        var path = FileOf(dataDirectory);
        var db = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var collection = Collection(db, table) ?? throw new InvalidOperationException($"No table {table} in {path}.");
        var existing = collection["data"]!.AsArray();
        foreach (var e in stored)
        {
            var doc = existing.Single(d => (string?)d!["RowKey"] == e.RowKey)!;
            var theirs = WithoutTimestamp(doc["properties"]!.AsObject());
            var ours = WithoutTimestamp(Properties(e, default));
            if (!JsonNode.DeepEquals(theirs, ours))
                throw new InvalidOperationException("Azurite stores rows differently now.\n" +
                    $"  Azurite: {theirs.ToJsonString()}\n  here:    {ours.ToJsonString()}");
        }

        var keys = existing.Select(d => ((string)d!["PartitionKey"]!, (string)d["RowKey"]!))
            .Concat(rows.Select(r => (r.PartitionKey, r.RowKey))).ToList();
        var nextId = (int)collection["maxId"]! + 1;
        var at = DateTimeOffset.UtcNow;
        var file = path + ".seeding";
        using (var stream = File.Create(file))
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            foreach (var (name, value) in db)
            {
                w.WritePropertyName(name);
                if (name != "collections") { WriteNode(w, value); continue; }
                w.WriteStartArray();
                foreach (var c in value!.AsArray())
                {
                    if (!ReferenceEquals(c, collection)) { WriteNode(w, c); continue; }
                    w.WriteStartObject();
                    foreach (var (field, v) in collection)
                    {
                        w.WritePropertyName(field);
                        switch (field)
                        {
                            case "data":
                                w.WriteStartArray();
                                foreach (var d in existing) WriteNode(w, d);
                                for (var i = 0; i < rows.Count; i++)
                                    Doc(rows[i], at.AddTicks(i), nextId + i).WriteTo(w);
                                w.WriteEndArray();
                                break;
                            case "maxId": w.WriteNumberValue(nextId + rows.Count - 1); break;
                            case "idIndex": w.WriteNullValue(); break; // rebuilt by LokiJS when first needed
                            case "binaryIndices":
                                // Row positions in key order (LokiJS compares strings as JavaScript does: ordinally).
                                w.WriteStartObject();
                                Index(w, "PartitionKey", keys.Select(k => k.Item1).ToList());
                                Index(w, "RowKey", keys.Select(k => k.Item2).ToList());
                                w.WriteEndObject();
                                break;
                            default: WriteNode(w, v); break;
                        }
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        File.Move(file, path, overwrite: true);
    }

    private static string FileOf(string dataDirectory) => Path.Combine(dataDirectory, "__azurite_db_table__.json");

    private static JsonObject? Collection(JsonNode db, string table) =>
        db["collections"]!.AsArray().FirstOrDefault(c => (string?)c!["name"] == $"{Account}${table}")?.AsObject();

    private static void WriteNode(Utf8JsonWriter w, JsonNode? node)
    {
        if (node is null) w.WriteNullValue();
        else node.WriteTo(w);
    }

    private static void Index(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartObject(name);
        w.WriteString("name", name);
        w.WriteBoolean("dirty", false);
        w.WriteStartArray("values");
        foreach (var i in Enumerable.Range(0, values.Count).OrderBy(i => values[i], StringComparer.Ordinal))
            w.WriteNumberValue(i);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A row as Azurite keeps it: keys, properties as sent plus Timestamp, ETag, LokiJS meta.</summary>
    private static JsonObject Doc(TableEntity e, DateTimeOffset at, int id)
    {
        var stamp = Instant(at);
        return new JsonObject
        {
            ["PartitionKey"] = e.PartitionKey,
            ["RowKey"] = e.RowKey,
            ["properties"] = Properties(e, at),
            ["lastModifiedTime"] = stamp,
            ["eTag"] = $"W/\"datetime'{Uri.EscapeDataString(stamp)}'\"",
            ["meta"] = new JsonObject { ["revision"] = 0, ["created"] = at.ToUnixTimeMilliseconds(), ["version"] = 0 },
            ["$loki"] = id,
        };
    }

    /// <summary>The entity as the SDK writes it (OData types for 64-bit numbers and times; nulls left out).</summary>
    private static JsonObject Properties(TableEntity e, DateTimeOffset at)
    {
        var p = new JsonObject { ["PartitionKey"] = e.PartitionKey, ["RowKey"] = e.RowKey };
        foreach (var (key, value) in e)
        {
            if (key is "PartitionKey" or "RowKey" or "odata.etag" or "Timestamp" || value is null) continue;
            switch (value)
            {
                case string s: p[key] = s; break;
                case int i: p[key] = i; break;
                case bool b: p[key] = b; break;
                case long l:
                    p[key] = l.ToString(CultureInfo.InvariantCulture);
                    p[key + "@odata.type"] = "Edm.Int64";
                    break;
                case DateTimeOffset d:
                    p[key] = Instant(d);
                    p[key + "@odata.type"] = "Edm.DateTime";
                    break;
                default: throw new NotSupportedException($"{key}: {value.GetType().Name} is not written here yet.");
            }
        }
        p["Timestamp"] = Instant(at);
        p["Timestamp@odata.type"] = "Edm.DateTime";
        return p;
    }

    private static string Instant(DateTimeOffset d) =>
        d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static JsonObject WithoutTimestamp(JsonObject properties)
    {
        var copy = properties.DeepClone().AsObject();
        copy.Remove("Timestamp");
        copy.Remove("Timestamp@odata.type");
        return copy;
    }
}
