using Petal.Common;

namespace Petal.Tests.Support;

/// <summary>Names of what tests make host-wide (twins, clusters): unique to this test process, so two suites on one host never collide.</summary>
public static class TestNames
{
    /// <summary>
    /// <paramref name="tag"/> followed by this process's id: a twin name, and so a cluster name. Tags end in a letter (so
    /// "a1" in one process and "a" in another never make the same name) and stay short: Slurm's step socket path
    /// (spool dir + name + node name twice) must stay under 108 bytes.
    /// </summary>
    public static string Unique(string tag)
    {
        var name = $"{tag}{Environment.ProcessId}";
        return tag.Length is > 0 and <= 12 && char.IsAsciiLetterLower(tag[^1]) && Patterns.TwinName.IsMatch(name)
            ? name : throw new ArgumentException($"'{tag}' is not a test name tag: up to 12 characters of a twin name, ending in a letter");
    }
}
