namespace InfoFunctions.Dispatch;

/// <summary>
/// A unit as the bulletin sees it. <paramref name="IsGovernmentOffice"/> marks the 机关: the directory
/// has no "government department" level, so the committee offices (委室) of the standing committee
/// are counted as the 机关 whose officers the seed says rarely contribute.
/// </summary>
public sealed record BulletinUnit(string Id, string Name, string LevelName, bool IsGovernmentOffice,
    string? ShortName = null)
{
    /// <summary>What a table prints: the 简称, else the name.</summary>
    public string TableName => ShortName ?? Name;
}
