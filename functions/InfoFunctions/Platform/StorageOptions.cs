namespace InfoFunctions.Platform;

/// <summary>Settings under <c>Storage__*</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// Create the app's tables, queues and containers on start-up (local); infra creates them in Azure.
    /// </summary>
    public bool EnsureCreated { get; set; }

    /// <summary>
    /// How long one storage call may wait for an answer before it is tried again (or given up): with
    /// <see cref="MaxRetries"/> it bounds how long a request waits on storage that does not answer
    /// (5 s × 3 tries + back-off ≈ 16 s) before the caller gets 503. Refused connections fail at once.
    /// </summary>
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>Retries of a storage call after a timeout or a server error (0.2 s, then 0.4 s apart).</summary>
    public int MaxRetries { get; set; } = 2;
}
