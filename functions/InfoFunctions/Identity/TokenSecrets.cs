using System.Security.Cryptography;

namespace InfoFunctions.Identity;

public static class TokenSecrets
{
    public const string Prefix = "ifp_";

    public static string NewSecret() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Public id of a token: a prefix of its hash, safe to show and to revoke by.</summary>
    public static string IdOf(string hash) => hash[..16];

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
