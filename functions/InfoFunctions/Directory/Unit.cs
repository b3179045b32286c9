namespace InfoFunctions.DirectoryFeature;

/// <summary>
/// A unit of the network. <see cref="ShortName"/> (简称, e.g. 埇桥区 for 埇桥区人大常委会) is what tables such as the
/// 通报 print; <see cref="DisplayShortName"/> falls back to the full name.
/// </summary>
public sealed record Unit(string Id, string Name, UnitLevel Level, string? ParentId, bool Active,
    DateTimeOffset UpdatedAt, string? ShortName = null)
{
    [System.Text.Json.Serialization.JsonIgnore] public string DisplayShortName => ShortName ?? Name;

    /// <summary>
    /// The short name after an input: null in the input keeps <paramref name="current"/>, empty clears it.
    /// </summary>
    public static string? ShortNameAfter(string? input, string? current) =>
        input is null ? current : input.Length == 0 ? null : input;
}
