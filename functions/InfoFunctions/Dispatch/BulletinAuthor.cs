using InfoFunctions.Submissions;

namespace InfoFunctions.Dispatch;

/// <summary>An author as the 通报 counts them; deputies are counted apart.</summary>
public sealed record BulletinAuthor(string? PersonId, string Name, bool IsDeputy)
{
    /// <summary>The authors a report credits: a co-author of another unit only once an editor confirmed them.</summary>
    public static IReadOnlyList<BulletinAuthor> Credited(IEnumerable<ReportAuthor> authors) =>
        authors.Where(a => !a.Unconfirmed).Select(a => new BulletinAuthor(a.PersonId, a.Name, a.IsDeputy)).ToList();
}
