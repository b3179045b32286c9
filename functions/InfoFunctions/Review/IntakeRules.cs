namespace InfoFunctions.Review;

/// <summary>
/// What the format checks hold a report to: the title length (<see cref="ReviewOptions.TitleMaxLength"/>) and
/// whether every photo needs a caption — only while some active carrier prints photos
/// (<c>requiresCaptions</c>); forwarding to such a carrier checks it again.
/// </summary>
public sealed record IntakeRules(int TitleMin, int TitleMax, bool CaptionsRequired);
