namespace InfoFunctions.Notifications;

/// <summary>
/// What notifications need from the directory. Implemented by the Directory feature; kept here so
/// notifications depend on this small contract, not on how people are stored.
/// </summary>
public interface IRecipientDirectory
{
    /// <summary>An active person with an email address, or null.</summary>
    Task<Recipient?> FindPersonAsync(string personId, CancellationToken ct = default);

    /// <summary>
    /// Every active person holding <paramref name="role"/>, within <paramref name="unitId"/> when given.
    /// </summary>
    Task<IReadOnlyList<Recipient>> FindByRoleAsync(string role, string? unitId, CancellationToken ct = default);
}
