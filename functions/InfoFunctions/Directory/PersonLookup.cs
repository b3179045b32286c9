using InfoFunctions.Notifications;

namespace InfoFunctions.DirectoryFeature;

/// <summary>
/// The directory as other features see it: identity reads roles and unit per request (so changes
/// apply at once); notifications find recipients by person or by role.
/// </summary>
public sealed class PersonLookup(PersonStore people) : IPersonLookup, IRecipientDirectory
{
    public async Task<PersonIdentity?> FindByIdAsync(string personId, CancellationToken ct = default) =>
        await people.GetAsync(personId, ct) is { } v ? ToIdentity(v.Value) : null;

    public async Task<PersonIdentity?> FindByEmailAsync(string email, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(email) || await people.FindIdByEmailAsync(email, ct) is not { } id
            ? null
            : await FindByIdAsync(id, ct);

    public async Task<Recipient?> FindPersonAsync(string personId, CancellationToken ct = default) =>
        await people.GetAsync(personId, ct) is { Value: { Active: true } p } ? ToRecipient(p) : null;

    public async Task<IReadOnlyList<Recipient>> FindByRoleAsync(
        string role,
        string? unitId,
        CancellationToken ct = default
    ) =>
        (await people.ListAsync(includeInactive: false, unitId, ct))
            .Where(v => v.Value.Roles.Contains(role))
            .Select(v => ToRecipient(v.Value))
            .ToList();

    private static PersonIdentity ToIdentity(Person p) =>
        new(p.Id, p.Name, p.Email, p.UnitId, Roles.Parse(p.Roles), p.Active);

    private static Recipient ToRecipient(Person p) => new(p.Id, p.Name, p.Email);
}
