using System.Text;

namespace Petal.Spack;

public sealed partial class SpackSpec
{
    /// <summary>
    /// Spack's DEFAULT_FORMAT, <c>{name}{@versions}{%compiler.name}{@compiler.versions}{compiler_flags}
    /// {variants}{ namespace=namespace_if_anonymous}{ arch=architecture}{/abstract_hash}</c>, stripped;
    /// then each dependency as <c> ^[edge attributes] node</c>, sorted by name and hash.
    /// </summary>
    internal string Format(bool withDependencies)
    {
        var sb = new StringBuilder(64);
        AppendNode(sb);
        if (withDependencies && _dependencies is { Count: > 0 })
        {
            var node = sb.ToString().Trim();
            sb.Clear().Append(node);
            foreach (var dependency in _dependencies)
            {
                sb.Append(" ^");
                var edge = dependency.EdgeAttributes();
                if (edge.Length > 0) sb.Append(edge).Append(' ');
                sb.Append(dependency.Format(withDependencies: false));
            }
        }
        return sb.ToString().Trim();
    }

    private void AppendNode(StringBuilder sb)
    {
        sb.Append(Name);
        if (!Versions.IsAny) sb.Append('@').Append(Versions);
        if (Compiler is { } compiler)
        {
            sb.Append('%').Append(compiler.Name);
            if (!compiler.Versions.IsAny) sb.Append('@').Append(compiler.Versions);
        }
        AppendFlags(sb);
        AppendVariants(sb);
        if (Name is null && Namespace is not null) sb.Append(" namespace=").Append(Namespace);
        if (Architecture is { } arch) sb.Append(" arch=").Append(arch);
        if (Hash is not null) sb.Append('/').Append(Hash);
    }

    /// <summary>FlagMap.__str__: " name=value" per flag type (propagated ones as "=="), then a trailing space.</summary>
    private void AppendFlags(StringBuilder sb)
    {
        if (_flags is null || _flags.Count == 0) return;
        foreach (var name in SortedKeys(_flags))
        {
            var flags = _flags[name];
            AppendFlagGroup(sb, name, "=", flags, propagate: false);
            AppendFlagGroup(sb, name, "==", flags, propagate: true);
        }
        sb.Append(' ');
    }

    private static void AppendFlagGroup(StringBuilder sb, string name, string delimiter, IReadOnlyList<CompilerFlag> flags, bool propagate)
    {
        var values = flags.Where(f => f.Propagate == propagate).Select(f => f.Value).ToArray();
        if (values.Length > 0)
            sb.Append(' ').Append(name).Append(delimiter).Append(SpecQuoting.QuoteIfNeeded(string.Join(' ', values)));
    }

    /// <summary>VariantMap.__str__: boolean variants first (+a~b), then " key=value" ones, each group sorted.</summary>
    private void AppendVariants(StringBuilder sb)
    {
        if (_variants is null || _variants.Count == 0) return;
        var keys = SortedKeys(_variants);
        foreach (var key in keys)
            if (_variants[key].IsBool) sb.Append(_variants[key]);
        foreach (var key in keys)
            if (!_variants[key].IsBool) sb.Append(' ').Append(_variants[key]);
    }

    private static string[] SortedKeys<T>(Dictionary<string, T> map)
    {
        var keys = map.Keys.ToArray();
        if (keys.Length > 1) Array.Sort(keys, StringComparer.Ordinal);
        return keys;
    }

    /// <summary>The edge part of a dependency: <c>[deptypes=build,link virtuals=mpi]</c>, or empty.</summary>
    private string EdgeAttributes()
    {
        if (DepTypeFlags == 0 && Virtuals.Count == 0) return "";
        var deptypes = DepTypeFlags == 0 ? "" : "deptypes=" + string.Join(",", DepTypes);
        var virtuals = Virtuals.Count == 0 ? "" : "virtuals=" + string.Join(",", Virtuals);
        return $"[{$"{deptypes} {virtuals}".Trim()}]";
    }
}
