using System.Security.Cryptography;

namespace InfoFunctions.Platform;

/// <summary>
/// SendGrid's signed webhooks (the event webhook and Inbound Parse): an ECDSA P-256 / SHA-256 signature
/// (base64 DER) over the timestamp header followed by the raw body, checked with the public key from the
/// SendGrid console. Old and far-future timestamps are refused, so a captured request cannot be replayed.
/// A large body is hashed while it streams (<see cref="StartHash"/>) and checked with
/// <see cref="Verify(string, byte[])"/>; a small one is checked whole.
/// </summary>
public class SendGridSignature(string? publicKey, int maxAgeMinutes, TimeProvider time)
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    public bool Enabled => !string.IsNullOrWhiteSpace(publicKey);

    /// <summary>Checks the headers before the body is read; null when the body still has to be verified.</summary>
    public SignatureCheck? Precheck(string? signature, string? timestamp)
    {
        if (!Enabled) return SignatureCheck.NotConfigured;
        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp)) return SignatureCheck.Missing;
        if (!long.TryParse(timestamp, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
            return SignatureCheck.Invalid;
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(epoch, 0, 253402300799));
        return age.Duration() > TimeSpan.FromMinutes(maxAgeMinutes) ? SignatureCheck.Stale : null;
    }

    /// <summary>A SHA-256 that has taken in the timestamp; feed it the body as it arrives.</summary>
    public static IncrementalHash StartHash(string timestamp)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(timestamp));
        return hash;
    }

    /// <summary>Checks the signature against the SHA-256 of timestamp and body.</summary>
    public SignatureCheck Verify(string signature, byte[] sha256OfTimestampAndBody)
    {
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey!.Trim()), out _);
            return ecdsa.VerifyHash(sha256OfTimestampAndBody, Convert.FromBase64String(signature.Trim()),
                DSASignatureFormat.Rfc3279DerSequence) ? SignatureCheck.Valid : SignatureCheck.Invalid;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return SignatureCheck.Invalid;
        }
    }

    /// <summary>Headers and a body already in memory, checked in one go.</summary>
    public SignatureCheck Verify(string? signature, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (Precheck(signature, timestamp) is { } early) return early;
        using var hash = StartHash(timestamp!);
        hash.AppendData(body);
        return Verify(signature!, hash.GetHashAndReset());
    }
}
