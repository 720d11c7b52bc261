namespace Petal.Spack;

/// <summary>
/// One compiler flag of <c>cflags</c>, <c>cxxflags</c>, <c>fflags</c>, <c>cppflags</c>, <c>ldflags</c> or
/// <c>ldlibs</c>. A value is split the way Spack splits it: at whitespace, a word not starting with
/// '-' staying with the flag before it (<c>"-I /opt/include -O2"</c> → <c>-I /opt/include</c>, <c>-O2</c>).
/// </summary>
public sealed record CompilerFlag(string Value, bool Propagate)
{
    public static readonly IReadOnlySet<string> FlagNames =
        new HashSet<string>(StringComparer.Ordinal) { "cflags", "cxxflags", "fflags", "cppflags", "ldflags", "ldlibs" };

    /// <summary>Spack's tokenize_flags.</summary>
    internal static IEnumerable<CompilerFlag> Split(string value, bool propagate)
    {
        string? flag = null;
        foreach (var token in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (flag is null) flag = token;
            else if (!token.StartsWith('-')) flag += " " + token;
            else
            {
                yield return new CompilerFlag(flag, propagate);
                flag = token;
            }
        }
        if (flag is not null) yield return new CompilerFlag(flag, propagate);
    }

    public override string ToString() => Value;
}
