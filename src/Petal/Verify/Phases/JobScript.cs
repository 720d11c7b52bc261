using System.Text;
using System.Text.RegularExpressions;
using Petal.Common;

namespace Petal.Verify.Phases;

/// <summary>
/// One batch job that runs several checks on a compute node, each between markers, so one job (one node
/// power-up) answers a whole queue's checks. Each section records its exit code and milliseconds.
/// </summary>
public sealed partial class JobScript
{
    private const string Begin = "@@petal-begin ";
    private const string End = "@@petal-end ";
    private readonly List<(string Id, string Bash)> _sections = [];

    /// <summary>
    /// The job runs in the compute node's own login environment (sbatch --export=NONE); Lmod comes from the
    /// node's profile, else from its init script. The first line proves where the job ran.
    /// </summary>
    private const string Prelude = """
        #!/bin/bash -l
        type module >/dev/null 2>&1 || for f in /usr/share/lmod/lmod/init/bash /etc/profile.d/modules.sh; do [ -f "$f" ] && . "$f" && break; done
        petal_section() {
          local t0; t0=$(date +%s%N)
          echo "@@petal-begin $1"
          ( eval "$2" ) 2>&1 </dev/null
          local rc=$?
          echo "@@petal-end $1 rc=$rc ms=$(( ($(date +%s%N) - t0) / 1000000 ))"
        }
        """;

    public JobScript Add(string id, string bash)
    {
        _sections.Add((id, bash));
        return this;
    }

    public string Render()
    {
        var sb = new StringBuilder(Prelude).Append('\n');
        foreach (var (id, bash) in _sections)
            sb.Append("petal_section ").Append(ShellQuote.Single(id)).Append(' ')
              .Append(ShellQuote.Single(bash)).Append('\n');
        return sb.ToString();
    }

    /// <summary>What one section printed and returned, or null when the job never reached it.</summary>
    public sealed record Section(string Id, int ExitCode, TimeSpan Duration, string Output);

    [GeneratedRegex(@"^@@petal-end (\S+) rc=([0-9]+) ms=([0-9]+)\z")] private static partial Regex EndLine();

    public static IReadOnlyDictionary<string, Section> Parse(string output)
    {
        var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
        string? current = null;
        var text = new StringBuilder();
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith(Begin, StringComparison.Ordinal))
            {
                current = line[Begin.Length..].Trim();
                text.Clear();
            }
            else if (current is not null && EndLine().Match(line.TrimEnd('\r')) is { Success: true } m && m.Groups[1].Value == current)
            {
                sections[current] = new Section(current, int.Parse(m.Groups[2].Value),
                    TimeSpan.FromMilliseconds(long.Parse(m.Groups[3].Value)), text.ToString().TrimEnd('\n'));
                current = null;
            }
            else if (current is not null) text.Append(line).Append('\n');
        }
        return sections;
    }

    /// <summary>The bash of one section, for the report.</summary>
    public string CommandOf(string id) => _sections.First(s => s.Id == id).Bash;
}
