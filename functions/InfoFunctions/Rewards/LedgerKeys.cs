using System.Security.Cryptography;

namespace InfoFunctions.Rewards;

/// <summary>Ledger row keys: party prefixes, and ids made safe for Table Storage keys.</summary>
public static class LedgerKeys
{
    public static string Party(PartyKind kind, string id) => (kind == PartyKind.Person ? "p:" : "u:") + id;

    public static (PartyKind Kind, string Id) ParseParty(string key) =>
        (key.StartsWith("u:", StringComparison.Ordinal) ? PartyKind.Unit : PartyKind.Person, key[2..]);

    /// <summary>
    /// Table keys may not hold / \ # ? or control characters; such ids (and very long ones) are hashed.
    /// </summary>
    public static string Safe(string id)
    {
        if (id.Length <= 200 && !id.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c))) return id;
        return "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..40];
    }
}
