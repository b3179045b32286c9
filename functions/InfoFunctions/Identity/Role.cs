namespace InfoFunctions.Identity;

/// <summary>
/// The directory's roles: the one definition. A person holds one or more; a function declares the
/// set it allows with <see cref="AllowAttribute"/>. On the wire and in storage a role is its
/// camelCase name (<c>officer</c>); <see cref="Roles"/> converts.
/// </summary>
[Flags]
public enum Role
{
    None = 0,
    /// <summary>信息员: submits reports, sees their own unit's.</summary>
    Officer = 1,
    /// <summary>编辑 (research office staff and rotating staff).</summary>
    Editor = 2,
    /// <summary>签发.</summary>
    Signer = 4,
    /// <summary>领导: reads reports and statistics.</summary>
    Leader = 8,
    /// <summary>管理员.</summary>
    Admin = 16,
    /// <summary>The app itself (the review pipeline's automatic steps); never a person's role.</summary>
    System = 32,

    /// <summary>The research office's roles, which see every unit.</summary>
    Office = Editor | Signer | Leader | Admin,
    /// <summary>Every signed-in person.</summary>
    Anyone = Officer | Office,
}
