using InfoFunctions.Identity;

namespace InfoFunctions.DirectoryFeature;

/// <summary>Identity's view of the directory: roles and unit are read per request, so changes apply at once.</summary>
public sealed class PersonLookup(PersonStore people) : IPersonLookup
{
    public async Task<PersonIdentity?> FindByIdAsync(string personId, CancellationToken ct = default) =>
        await people.GetAsync(personId, ct) is { } v ? ToIdentity(v.Value) : null;

    public async Task<PersonIdentity?> FindByEmailAsync(string email, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(email) || await people.FindIdByEmailAsync(email, ct) is not { } id ? null : await FindByIdAsync(id, ct);

    private static PersonIdentity ToIdentity(Person p) =>
        new(p.Id, p.Name, p.Email, p.UnitId, p.Roles.ToHashSet(), p.Active);
}
