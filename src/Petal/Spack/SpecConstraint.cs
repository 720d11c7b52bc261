namespace Petal.Spack;

/// <summary>
/// Spec.constrain for the one case the parser needs: <c>^openmpi ^openmpi@4.1</c> names a dependency
/// twice, and Spack keeps the intersection of both constraints on one node.
/// </summary>
internal static class SpecConstraint
{
    /// <summary>Narrows <paramref name="target"/> by <paramref name="other"/>; returns why they conflict, or null.</summary>
    public static string? Merge(SpackSpec target, SpackSpec other)
    {
        if (target.Namespace is not null && other.Namespace is not null && target.Namespace != other.Namespace)
            return $"namespaces {target.Namespace} and {other.Namespace} differ";
        if (target.Hash is not null && other.Hash is not null
            && !target.Hash.StartsWith(other.Hash, StringComparison.Ordinal) && !other.Hash.StartsWith(target.Hash, StringComparison.Ordinal))
            return $"hashes {target.Hash} and {other.Hash} differ";

        var versions = target.Versions.Intersect(other.Versions);
        if (versions.IsEmpty) return $"versions {target.Versions} and {other.Versions} do not overlap";

        CompilerSpec? compiler = target.Compiler ?? other.Compiler;
        if (target.Compiler is not null && other.Compiler is not null)
        {
            var compilerVersions = target.Compiler.Versions.Intersect(other.Compiler.Versions);
            if (target.Compiler.Name != other.Compiler.Name || compilerVersions.IsEmpty)
                return $"compilers {target.Compiler} and {other.Compiler} conflict";
            compiler = target.Compiler with { Versions = compilerVersions };
        }

        var variants = new Dictionary<string, SpackVariant>(target.Variants, StringComparer.Ordinal);
        foreach (var (name, variant) in other.Variants)
        {
            if (!variants.TryGetValue(name, out var mine)) { variants[name] = variant; continue; }
            if (mine.IsBool != variant.IsBool || (mine.IsBool && mine.BoolValue != variant.BoolValue))
                return $"variants {mine} and {variant} conflict";
            // Values of a variant not yet checked against its package accumulate (Spack's AbstractVariant.constrain).
            if (!mine.IsBool) variants[name] = SpackVariant.WithValues(name, mine.Values.Concat(variant.Values), mine.Propagate);
        }

        var arch = target.Architecture;
        if (other.Architecture is { } theirs)
        {
            if (arch is null) arch = theirs;
            else
            {
                if (Conflicts(arch.Platform, theirs.Platform) || Conflicts(arch.Os, theirs.Os) || Conflicts(arch.Target, theirs.Target))
                    return $"architectures {arch} and {theirs} conflict";
                arch = new ArchSpec(arch.Platform ?? theirs.Platform, arch.Os ?? theirs.Os, arch.Target ?? theirs.Target);
            }
        }

        target.Versions = versions;
        target.Compiler = compiler;
        target.Architecture = arch;
        target.Namespace ??= other.Namespace;
        if (other.Hash is not null && (target.Hash is null || other.Hash.Length > target.Hash.Length)) target.Hash = other.Hash;
        target.MutableVariants.Clear();
        foreach (var (name, variant) in variants) target.MutableVariants[name] = variant;
        foreach (var (name, flags) in other.Flags)
        {
            var merged = target.Flags.TryGetValue(name, out var mine) ? mine.ToList() : [];
            merged.AddRange(flags.Where(f => !merged.Contains(f)));
            target.MutableFlags[name] = merged;
        }
        return null;
    }

    private static bool Conflicts(string? a, string? b) => a is not null && b is not null && a != b;
}
