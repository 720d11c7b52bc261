using System.Security.Cryptography;
using System.Text;

namespace Petal.Plans;

/// <summary>
/// What an image or software volume contains, reduced to a canonical document and hashed (SHA-256,
/// lowercase hex). Order, spacing and fields that do not change the software (users, queues' counts,
/// names) do not enter it; AMI and snapshot reuse key on it.
/// </summary>
public sealed record FingerprintInput(
    string Os,
    IReadOnlyList<string> Architectures,
    string SpackVersion,
    IReadOnlyList<string> CanonicalSpecs,
    string Lmod,
    string Layout,
    string Buildcache)
{
    public string CanonicalDocument()
    {
        var sb = new StringBuilder();
        sb.Append("petal-fingerprint 1\n");
        sb.Append("os ").Append(Os).Append('\n');
        foreach (var a in Architectures.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            sb.Append("arch ").Append(a).Append('\n');
        sb.Append("spack ").Append(SpackVersion).Append('\n');
        // One spec per line; a spec cannot hold a newline (the parser rejects it), so lines cannot collide.
        foreach (var s in CanonicalSpecs.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            sb.Append("spec ").Append(s).Append('\n');
        sb.Append("lmod ").Append(Lmod).Append('\n');
        sb.Append("layout ").Append(Layout).Append('\n');
        sb.Append("buildcache ").Append(Buildcache).Append('\n');
        return sb.ToString();
    }

    public string Compute() =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalDocument()))).ToLowerInvariant();
}
