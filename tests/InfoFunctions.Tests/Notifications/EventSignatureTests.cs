using System.Security.Cryptography;
using System.Text;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;
using Xunit;

namespace InfoFunctions.Tests.Notifications;

/// <summary>SendGrid's signed event webhook, with a key pair made here standing in for SendGrid's.</summary>
public sealed class EventSignatureTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 12, 1, 41, 0, TimeSpan.Zero);

    public sealed class TestSigner : IDisposable
    {
        private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        public string PublicKey => Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo());

        /// <summary>As SendGrid signs: timestamp then raw body, SHA-256, DER signature, base64.</summary>
        public string Sign(string timestamp, byte[] body) =>
            Convert.ToBase64String(
                _key.SignData(
                    [.. Encoding.UTF8.GetBytes(timestamp), .. body],
                    HashAlgorithmName.SHA256,
                    DSASignatureFormat.Rfc3279DerSequence
                )
            );

        public void Dispose() => _key.Dispose();
    }

    private static EventSignatureVerifier Verifier(string? publicKey) =>
        new(NotificationTestData.Options(o => o.EventWebhookPublicKey = publicKey), new FixedTime(Now));

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """[{"email":"zhangsan@example.org","event":"bounce","reason":"550 用户不存在","timestamp":1741743600}]"""
    );

    [Fact]
    public void A_signature_from_the_key_pair_is_valid()
    {
        using var signer = new TestSigner();
        var ts = Now.ToUnixTimeSeconds().ToString();
        Assert.Equal(SignatureCheck.Valid, Verifier(signer.PublicKey).Verify(signer.Sign(ts, Body), ts, Body));
    }

    [Fact]
    public void A_tampered_body_is_invalid()
    {
        using var signer = new TestSigner();
        var ts = Now.ToUnixTimeSeconds().ToString();
        var signature = signer.Sign(ts, Body);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("bounce", "delivered"));
        Assert.Equal(SignatureCheck.Invalid, Verifier(signer.PublicKey).Verify(signature, ts, tampered));
    }

    [Fact]
    public void A_changed_timestamp_is_invalid()
    {
        using var signer = new TestSigner();
        var ts = Now.ToUnixTimeSeconds().ToString();
        var signature = signer.Sign(ts, Body);
        Assert.Equal(
            SignatureCheck.Invalid,
            Verifier(signer.PublicKey).Verify(signature, (Now.ToUnixTimeSeconds() - 1).ToString(), Body)
        );
    }

    [Fact]
    public void Another_key_is_invalid()
    {
        using var signer = new TestSigner();
        using var other = new TestSigner();
        var ts = Now.ToUnixTimeSeconds().ToString();
        Assert.Equal(SignatureCheck.Invalid, Verifier(other.PublicKey).Verify(signer.Sign(ts, Body), ts, Body));
    }

    [Fact]
    public void A_stale_timestamp_is_refused_even_when_correctly_signed()
    {
        using var signer = new TestSigner();
        var ts = Now.AddMinutes(-11).ToUnixTimeSeconds().ToString();
        Assert.Equal(SignatureCheck.Stale, Verifier(signer.PublicKey).Verify(signer.Sign(ts, Body), ts, Body));
        var fresh = Now.AddMinutes(-9).ToUnixTimeSeconds().ToString();
        Assert.Equal(SignatureCheck.Valid, Verifier(signer.PublicKey).Verify(signer.Sign(fresh, Body), fresh, Body));
    }

    [Fact]
    public void Missing_headers_garbage_and_no_configured_key_are_refused()
    {
        using var signer = new TestSigner();
        var ts = Now.ToUnixTimeSeconds().ToString();
        Assert.Equal(SignatureCheck.Missing, Verifier(signer.PublicKey).Verify(null, ts, Body));
        Assert.Equal(SignatureCheck.Missing, Verifier(signer.PublicKey).Verify(signer.Sign(ts, Body), "", Body));
        Assert.Equal(SignatureCheck.Invalid, Verifier(signer.PublicKey).Verify("not base64!", ts, Body));
        Assert.Equal(
            SignatureCheck.Invalid,
            Verifier(signer.PublicKey).Verify(signer.Sign(ts, Body), "yesterday", Body)
        );
        Assert.Equal(SignatureCheck.NotConfigured, Verifier("").Verify(signer.Sign(ts, Body), ts, Body));
    }
}
