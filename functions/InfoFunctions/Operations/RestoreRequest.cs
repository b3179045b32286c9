namespace InfoFunctions.Operations;

/// <summary>
/// What to restore from a night. <paramref name="Tables"/>: null for every table (an empty account),
/// else names, each optionally <c>source:target</c> to restore beside the live table. <paramref name="Blobs"/>:
/// default true for a whole-account restore, false when tables are named. Without <paramref name="Overwrite"/>
/// a target table or container that holds anything is refused.
/// </summary>
public sealed record RestoreRequest(IReadOnlyList<string>? Tables = null, bool? Blobs = null, bool Overwrite = false);
