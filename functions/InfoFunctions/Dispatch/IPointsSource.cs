namespace InfoFunctions.Dispatch;

/// <summary>Points earned in [from, to), for the 通报. Rewards implements it from the ledger.</summary>
public interface IPointsSource
{
    Task<IReadOnlyList<PointsRecord>> LoadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}
