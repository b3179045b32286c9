using InfoFunctions.Platform;

namespace InfoFunctions.Review;

/// <summary>What intake would say about a draft: its lengths and the fixes, each naming its field.</summary>
public sealed record DraftChecks(int TitleLength, int CharCount, IReadOnlyList<FieldError> Fixes);
