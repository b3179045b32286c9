namespace InfoFunctions.Identity;

/// <summary>What identity needs from the directory: a person by id or by email.</summary>
public interface IPersonLookup
{
    Task<PersonIdentity?> FindByIdAsync(string personId, CancellationToken ct = default);
    Task<PersonIdentity?> FindByEmailAsync(string email, CancellationToken ct = default);
}
