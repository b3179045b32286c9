namespace InfoFunctions.Review;

/// <summary>
/// What intake would say about a draft: its lengths, the fixes (each naming its field), and the rules in force
/// (title length range, whether photos need captions) for the console's live counts.
/// </summary>
public sealed record DraftChecks(int TitleLength, int CharCount, IReadOnlyList<FieldError> Fixes, int TitleMin,
    int TitleMax, bool CaptionsRequired);
