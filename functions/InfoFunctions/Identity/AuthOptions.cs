using System.ComponentModel.DataAnnotations;

namespace InfoFunctions.Identity;

/// <summary>Settings under <c>Auth__*</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Trust <c>X-MS-CLIENT-PRINCIPAL</c> only when App Service Authentication is really on.</summary>
    public bool EasyAuthEnabled { get; set; }

    /// <summary>A token that acts as admin, to set up a fresh install. Empty disables it.</summary>
    [MinLength(16, ErrorMessage = "Auth__BootstrapAdminToken 至少 16 个字符（太短的令牌容易被猜中）。")]
    public string? BootstrapAdminToken { get; set; }

    /// <summary>
    /// How long a resolved principal is reused on one instance; 0 reads the directory on every request.
    /// </summary>
    [Range(0, 600, ErrorMessage = "Auth__CacheSeconds 应在 0 到 600 之间。")]
    public int CacheSeconds { get; set; } = 30;
}
