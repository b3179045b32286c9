using System.Collections.Concurrent;

namespace InfoFunctions.Identity;

/// <summary>
/// Resolved principals for <c>Auth__CacheSeconds</c>, so a request does not pay two table reads
/// (token, person) before its own work. Only successes are cached. The instance that revokes a
/// token or changes a person forgets it at once; other instances follow within the TTL.
/// </summary>
public sealed class PrincipalCache(IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(Principal Principal, string? TokenId, DateTimeOffset Expires);

    public Principal? Get(string key) =>
        _entries.TryGetValue(key, out var e) && e.Expires > time.GetUtcNow() ? e.Principal : null;

    public void Set(string key, Principal principal, string? tokenId = null, DateTimeOffset? notAfter = null)
    {
        if (options.Value.CacheSeconds <= 0) return;
        var now = time.GetUtcNow();
        var expires = now.AddSeconds(options.Value.CacheSeconds);
        // Roles can change at a CST day boundary (a rotation window opens or closes): never cache across one.
        var dayEnd = NextShanghaiMidnight(now);
        if (dayEnd < expires) expires = dayEnd;
        _entries[key] = new Entry(principal, tokenId, notAfter < expires ? notAfter.Value : expires);
    }

    private static DateTimeOffset NextShanghaiMidnight(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, BusinessTime.Zone);
        var next = local.Date.AddDays(1);
        return new DateTimeOffset(next, BusinessTime.Zone.GetUtcOffset(next)).ToUniversalTime();
    }

    public void ForgetPerson(string personId) => Forget(e => e.Principal.Id == personId);
    public void ForgetToken(string tokenId) => Forget(e => e.TokenId == tokenId);

    private void Forget(Func<Entry, bool> match)
    {
        foreach (var (key, entry) in _entries)
            if (match(entry)) _entries.TryRemove(key, out _);
    }
}
