namespace InfoFunctions.Dispatch;

/// <summary>Where the bulletin's inputs come from (storage in the app, hand-built in tests).</summary>
public interface IBulletinSource
{
    Task<BulletinInputs> LoadAsync(DispatchPeriod period, CancellationToken ct);
}
