using InfoFunctions.DirectoryFeature;

namespace InfoFunctions.Rewards;

/// <summary>
/// Carrier and unit display names for ledger lines, reasons and statements (an unknown id reads as itself),
/// re-read every few minutes.
/// </summary>
public sealed class DirectoryNames(CarrierStore carriers, UnitStore units, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, (DateTimeOffset At, IReadOnlyDictionary<string, string> Names)> _cache = [];

    public Task<Func<string, string>> CarriersAsync(CancellationToken ct) => GetAsync(nameof(carriers), async () =>
        (await carriers.ListAsync(includeInactive: true, ct)).ToDictionary(v => v.Value.Id, v => v.Value.Name));

    public Task<Func<string, string>> UnitsAsync(CancellationToken ct) => GetAsync(nameof(units), async () =>
        (await units.ListAsync(includeInactive: true, ct)).ToDictionary(v => v.Value.Id, v => v.Value.Name));

    private async Task<Func<string, string>> GetAsync(string kind, Func<Task<Dictionary<string, string>>> load)
    {
        var now = time.GetUtcNow();
        IReadOnlyDictionary<string, string>? names;
        lock (_cache) names = _cache.TryGetValue(kind, out var c) && now - c.At <= MaxAge ? c.Names : null;
        if (names is null)
        {
            names = await load();
            lock (_cache) _cache[kind] = (now, names);
        }
        return id => names.TryGetValue(id, out var n) ? n : id;
    }
}
