using System.Security.Cryptography;
using System.Text;

namespace Petal.Garden.Service.Auth;

/// <summary>
/// A salted SHA-256 of a secret. The secrets petal issues are 256 random bits, so a slow KDF adds nothing but
/// latency on every call; the salt keeps equal secrets from having equal hashes. Comparison is constant-time.
/// </summary>
public sealed record HashedSecret(byte[] Salt, byte[] Hash)
{
    private const string Scheme = "sha256";

    public static HashedSecret Of(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new HashedSecret(salt, Digest(salt, secret));
    }

    public bool Matches(string? presented) =>
        presented is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Digest(Salt, presented), Hash);

    /// <summary>A new secret: 32 random bytes, URL-safe base64 without padding.</summary>
    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public override string ToString() => $"{Scheme}:{Convert.ToBase64String(Salt)}:{Convert.ToBase64String(Hash)}";

    public static HashedSecret Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3 || parts[0] != Scheme)
            throw new FormatException("stored secret hash has an unknown format");
        return new HashedSecret(Convert.FromBase64String(parts[1]), Convert.FromBase64String(parts[2]));
    }

    private static byte[] Digest(byte[] salt, string secret)
    {
        var bytes = new byte[salt.Length + Encoding.UTF8.GetMaxByteCount(secret.Length)];
        salt.CopyTo(bytes, 0);
        var length = salt.Length + Encoding.UTF8.GetBytes(secret, 0, secret.Length, bytes, salt.Length);
        return SHA256.HashData(bytes.AsSpan(0, length));
    }
}
