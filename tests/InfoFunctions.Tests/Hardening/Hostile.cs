namespace InfoFunctions.Tests.Hardening;

/// <summary>
/// One spoiled request: its class (for the tally), what was spoiled, how to build it, and what must come back —
/// a 4xx problem with a stable code; <see cref="Status"/> when only one status is right; <see cref="Field"/>
/// when the answer must name the field at fault.
/// </summary>
public sealed record Hostile(string Class, string What, Func<HttpRequestMessage> Build)
{
    public int? Status { get; init; }
    public string? Field { get; init; }
    /// <summary>Sent without the caller's token (a forged sign-in header stands alone).</summary>
    public bool Anonymous { get; init; }
}
