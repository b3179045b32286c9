namespace InfoFunctions.Mailbox;

/// <summary>
/// The JSON fields of an Inbound Parse post, as SendGrid writes them: <c>envelope</c> an object whose <c>to</c> is a
/// list of addresses and <c>from</c> one address; <c>charsets</c> an object of charset names; <c>attachment-info</c>
/// an object of objects. A post that breaks this was not made by SendGrid and is refused whole (400) before
/// anything is kept.
/// </summary>
public static class InboundFields
{
    public static List<FieldError> Check(IReadOnlyDictionary<string, byte[]> fields)
    {
        var errors = new List<FieldError>();
        Object(fields, "envelope", errors, (doc, e) =>
        {
            if (doc.TryGetProperty("to", out var to)
                && (to.ValueKind != JsonValueKind.Array || to.EnumerateArray().Any(x => !IsText(x))))
                e.Add(new("envelope.to", "envelope.to 应为收件地址（文本）的数组。"));
            if (doc.TryGetProperty("from", out var from) && !IsText(from))
                e.Add(new("envelope.from", "envelope.from 应为发件地址（文本）。"));
        });
        Object(fields, "charsets", errors, (doc, e) =>
        {
            foreach (var p in doc.EnumerateObject().Where(p => !IsText(p.Value)))
                e.Add(new($"charsets.{p.Name}", $"charsets.{p.Name} 应为字符集名称（文本）。"));
        });
        Object(fields, "attachment-info", errors, (doc, e) =>
        {
            foreach (var p in doc.EnumerateObject())
                if (p.Value.ValueKind != JsonValueKind.Object || p.Value.EnumerateObject()
                        .Any(x => x.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array))
                    e.Add(new($"attachment-info.{p.Name}", $"attachment-info.{p.Name} 应为描述附件的对象。"));
        });
        return errors;
    }

    /// <summary>The envelope's recipients and sender (the post was checked: a bad envelope never gets here).</summary>
    public static (IReadOnlyList<string> To, string? From) Envelope(IReadOnlyDictionary<string, byte[]> fields)
    {
        if (!fields.TryGetValue("envelope", out var bytes)) return ([], null);
        using var doc = JsonDocument.Parse(bytes);
        var to = doc.RootElement.TryGetProperty("to", out var t)
            ? t.EnumerateArray().Select(x => x.GetString()!).Where(x => !string.IsNullOrWhiteSpace(x)).ToList()
            : [];
        var from = doc.RootElement.TryGetProperty("from", out var f) ? f.GetString() : null;
        return (to, from);
    }

    private static bool IsText(JsonElement e) => e.ValueKind == JsonValueKind.String;

    private static void Object(IReadOnlyDictionary<string, byte[]> fields, string name, List<FieldError> errors,
        Action<JsonElement, List<FieldError>> check)
    {
        if (!fields.TryGetValue(name, out var bytes)) return;
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                errors.Add(new(name, $"{name} 应为 JSON 对象。"));
            else check(doc.RootElement, errors);
        }
        catch (JsonException)
        {
            errors.Add(new(name, $"{name} 不是有效的 JSON。"));
        }
    }
}
