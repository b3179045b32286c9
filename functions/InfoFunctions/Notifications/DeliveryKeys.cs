using System.Security.Cryptography;

namespace InfoFunctions.Notifications;

/// <summary>Delivery log keys: the idempotency key as a SHA-256 row key.</summary>
public static class DeliveryKeys
{
    /// <summary>Idempotency keys may hold characters table keys forbid; the row key is their SHA-256.</summary>
    public static string Hash(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));
}
