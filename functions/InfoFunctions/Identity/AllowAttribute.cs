namespace InfoFunctions.Identity;

/// <summary>
/// Who may call an HTTP function: a signed-in person holding one of <see cref="Roles"/>. Declared once
/// on the function; the gate (Hosting/HttpGate) enforces it before the function runs, under the real
/// host and LocalHost alike, and hands the function the caller's <see cref="Principal"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllowAttribute(Role roles) : Attribute
{
    public Role Roles { get; } = roles;
}
