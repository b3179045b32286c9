namespace InfoFunctions.Identity;

public sealed record PersonIdentity(string Id, string Name, string Email, string UnitId, Role Roles, bool Active);
