using System.ComponentModel.DataAnnotations;

namespace InfoFunctions.Review;

/// <summary>Settings under <c>Review__*</c>.</summary>
public sealed class ReviewOptions
{
    public const string Section = "Review";

    /// <summary>Longest title intake accepts, in characters (real headlines run past 50).</summary>
    [Range(10, 200)] public int TitleMaxLength { get; set; } = 60;

    /// <summary>
    /// Whether whoever edited or approved a report may also sign it off (签发). Off: 签发 is a second person's act.
    /// </summary>
    public bool AllowSelfSignOff { get; set; }
}
