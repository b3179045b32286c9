using System.Text.Json.Serialization;

namespace InfoFunctions.Platform;

/// <summary>
/// Writes every decimal without trailing zeros (<c>10</c>, not <c>10.0</c> or <c>10.00</c>): a decimal keeps the
/// scale it was parsed or computed with, so without this one amount could appear as <c>10.0</c> and another as
/// <c>20</c>. Reading is unchanged.
/// </summary>
public sealed class CanonicalDecimalConverter : JsonConverter<decimal>
{
    // Dividing by 1 written with many zeros drops the scale to the smallest that holds the value.
    private const decimal One = 1.000000000000000000000000000000000m;

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Web defaults read "5" as 5 too; a custom converter has to do that itself.
        if (reader.TokenType != JsonTokenType.String) return reader.GetDecimal();
        return options.NumberHandling.HasFlag(JsonNumberHandling.AllowReadingFromString)
            && decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? d : throw new JsonException("应为数字。");
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value / One);
}
