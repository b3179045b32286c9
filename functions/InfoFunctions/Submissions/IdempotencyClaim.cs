using System.Security.Cryptography;

namespace InfoFunctions.Submissions;

/// <summary>
/// An <c>Idempotency-Key</c> claim, row <c>&lt;hash&gt;</c> of caller and key in partition
/// <c>claims~&lt;first two hex digits&gt;</c> (no unit id has a <c>~</c>). Claims need not sit beside the reports
/// (nothing writes both at once), so they spread over 256 partitions and leave the units' partitions to reports;
/// that also keeps them cheap on Azurite, whose insert cost grows with the partition.
/// <see cref="Fingerprint"/> is the request's hash where requests can be compared.
/// </summary>
public sealed record IdempotencyClaim(string PartitionKey, string RowKey, string? Fingerprint)
{
    public const int MaxKeyLength = 200;

    public static IdempotencyClaim For(string callerId, string key, string? fingerprint)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(callerId + "\n" + key)));
        return new("claims~" + hash[..2], hash, fingerprint);
    }
}
