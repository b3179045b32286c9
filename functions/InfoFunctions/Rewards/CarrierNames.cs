using InfoFunctions.DirectoryFeature;

namespace InfoFunctions.Rewards;

/// <summary>Carrier display names for reasons and statements, re-read every few minutes.</summary>
public sealed class CarrierNames(CarrierStore carriers, TimeProvider time)
{
    private (DateTimeOffset At, IReadOnlyDictionary<string, string> Names)? _cache;

    public async Task<Func<string, string>> GetAsync(CancellationToken ct)
    {
        var c = _cache;
        if (c is null || time.GetUtcNow() - c.Value.At > TimeSpan.FromMinutes(5))
        {
            var list = await carriers.ListAsync(includeInactive: true, ct);
            c = (time.GetUtcNow(), list.ToDictionary(v => v.Value.Id, v => v.Value.Name));
            _cache = c;
        }
        var names = c.Value.Names;
        return id => names.TryGetValue(id, out var n) ? n : id;
    }
}
