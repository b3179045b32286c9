using System.Text.Encodings.Web;
using System.Text.Json.Serialization;

namespace InfoFunctions.Platform;

public static class Json
{
    /// <summary>camelCase, case-insensitive, enums as strings, decimals without trailing zeros, Chinese kept.</summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        o.Converters.Add(new CanonicalDecimalConverter());
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>An enum value as JSON writes it: <c>awaitingEdit</c>.</summary>
    public static string Name<T>(T value) where T : struct, Enum =>
        JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
}
