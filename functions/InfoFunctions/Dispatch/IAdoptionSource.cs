namespace InfoFunctions.Dispatch;

/// <summary>Adoptions in [from, to), for the 通报 and rotation output. The review pipeline implements it.</summary>
public interface IAdoptionSource
{
    Task<IReadOnlyList<AdoptionRecord>> LoadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}
