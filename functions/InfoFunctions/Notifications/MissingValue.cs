using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace InfoFunctions.Notifications;

/// <summary>
/// Data a template names but the message lacks: false in an <c>if</c>, so optional sections drop out, but
/// writing it or looping over it throws, so a half-filled notice never goes out.
/// </summary>
public sealed class MissingValue(string name) : FluidValue
{
    public override FluidValues Type => FluidValues.Nil;

    public override bool Equals(FluidValue other) => other.IsNil();

    public override bool ToBooleanValue() => false;

    public override decimal ToNumberValue() => throw Missing();

    public override string ToStringValue() => throw Missing();

    public override object ToObjectValue() => throw Missing();

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) =>
        throw Missing();

    public override IEnumerable<FluidValue> Enumerate(TemplateContext context) => throw Missing();

    public override bool Equals(object? obj) => obj is FluidValue other && Equals(other);

    public override int GetHashCode() => name.GetHashCode(StringComparison.Ordinal);

    private TemplateRenderException Missing() => new($"缺少数据 {name}。");
}
