namespace InfoFunctions.Operations;

/// <summary>
/// One table entity as one JSON line that keeps every property's EDM type, so a restore writes back
/// exactly what was read: <c>{"pk":…,"rk":…,"p":{"Name":{"t":"Int64","v":"123"}}}</c>. Int64 and
/// Double travel as strings (JSON numbers would lose Int64 precision and Double's NaN/∞).
/// </summary>
public static class EntityCodec
{
    private static readonly HashSet<string> SystemProperties =
        new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag" };

    public static void Write(Utf8JsonWriter w, TableEntity entity)
    {
        w.WriteStartObject();
        w.WriteString("pk", entity.PartitionKey);
        w.WriteString("rk", entity.RowKey);
        w.WriteStartObject("p");
        foreach (var (name, value) in entity.Where(kv => !SystemProperties.Contains(kv.Key) && kv.Value is not null))
        {
            w.WriteStartObject(name);
            var (type, text) = Encode(name, value!);
            w.WriteString("t", type);
            w.WriteString("v", text);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static TableEntity Read(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var entity = new TableEntity(root.GetProperty("pk").GetString(), root.GetProperty("rk").GetString());
        foreach (var p in root.GetProperty("p").EnumerateObject())
            entity[p.Name] = Decode(p.Value.GetProperty("t").GetString()!, p.Value.GetProperty("v").GetString()!);
        return entity;
    }

    private static (string Type, string Text) Encode(string name, object value) => value switch
    {
        string s => ("String", s),
        bool b => ("Boolean", b ? "true" : "false"),
        int i => ("Int32", i.ToString(CultureInfo.InvariantCulture)),
        long l => ("Int64", l.ToString(CultureInfo.InvariantCulture)),
        double d => ("Double", d.ToString("R", CultureInfo.InvariantCulture)),
        DateTimeOffset d => ("DateTime", d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
        DateTime d => Encode(name, new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc))),
        Guid g => ("Guid", g.ToString("D")),
        byte[] bytes => ("Binary", Convert.ToBase64String(bytes)),
        BinaryData data => ("Binary", Convert.ToBase64String(data.ToArray())),
        _ => throw new NotSupportedException($"属性 {name} 的类型 {value.GetType().Name} 无法备份。"),
    };

    private static object Decode(string type, string text) => type switch
    {
        "String" => text,
        "Boolean" => text == "true",
        "Int32" => int.Parse(text, CultureInfo.InvariantCulture),
        "Int64" => long.Parse(text, CultureInfo.InvariantCulture),
        "Double" => double.Parse(text, CultureInfo.InvariantCulture),
        "DateTime" => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        "Guid" => Guid.Parse(text),
        "Binary" => Convert.FromBase64String(text),
        _ => throw new FormatException($"备份中的属性类型 {type} 未知。"),
    };
}
