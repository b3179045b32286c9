using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace InfoFunctions.Mailbox;

public enum InboundSignatureCheck { Valid, NotConfigured, Missing, Stale, Invalid }

/// <summary>
/// SendGrid's signed inbound webhook: ECDSA P-256 / SHA-256 (base64 DER) over the timestamp header
/// followed by the raw body. The body is hashed while it streams past (<see cref="HashingStream"/>),
/// so a 25 MB post is never held just to check its signature.
/// </summary>
public sealed class InboundSignatureVerifier(IOptions<MailboxOptions> options, TimeProvider time)
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.InboundPublicKey);

    /// <summary>Checks the headers before the body is read; null when the body still has to be verified.</summary>
    public InboundSignatureCheck? Precheck(string? signature, string? timestamp)
    {
        if (!Enabled) return InboundSignatureCheck.NotConfigured;
        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp)) return InboundSignatureCheck.Missing;
        if (!long.TryParse(timestamp, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)) return InboundSignatureCheck.Invalid;
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(epoch, 0, 253402300799));
        return age.Duration() > TimeSpan.FromMinutes(options.Value.InboundMaxAgeMinutes) ? InboundSignatureCheck.Stale : null;
    }

    public static IncrementalHash StartHash(string timestamp)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(timestamp));
        return hash;
    }

    public InboundSignatureCheck Verify(string signature, byte[] sha256OfTimestampAndBody)
    {
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(options.Value.InboundPublicKey.Trim()), out _);
            return ecdsa.VerifyHash(sha256OfTimestampAndBody, Convert.FromBase64String(signature.Trim()), DSASignatureFormat.Rfc3279DerSequence)
                ? InboundSignatureCheck.Valid : InboundSignatureCheck.Invalid;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return InboundSignatureCheck.Invalid;
        }
    }
}

/// <summary>Feeds everything read through it to a hash (and counts it).</summary>
public sealed class HashingStream(Stream inner, IncrementalHash? hash, long limit) : Stream
{
    public long BytesRead { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        var n = await inner.ReadAsync(buffer, ct);
        if (n > 0)
        {
            BytesRead += n;
            if (BytesRead > limit) throw new Submissions.FileTooLargeException(BytesRead);
            hash?.AppendData(buffer.Span[..n]);
        }
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
