using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Petal.Common;

namespace Petal.Verify.Phases;

/// <summary>
/// One bash script that runs several checks, each between a begin line and one result line (id, exit code,
/// milliseconds), so one round trip answers many checks: a batch job (one node power-up) on a compute node, or
/// one login shell on the head node. The marker lines carry a random tag drawn per script, so no check's output
/// can forge or end another's section.
/// </summary>
public sealed class JobScript
{
    private readonly string _begin;
    private readonly string _end;
    private readonly Regex _endLine;
    private readonly List<Step> _steps = [];

    /// <summary>A check (<see cref="Id"/>) or, with <see cref="Package"/>, one check per module serving that package.</summary>
    private sealed record Step(string Id, string Bash, TimeSpan? Timeout, string? Package = null, string? ModulesFrom = null);

    public JobScript()
    {
        var tag = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        _begin = $"@@petal-{tag}-begin ";
        _end = $"@@petal-{tag}-end ";
        _endLine = new Regex("^" + Regex.Escape(_end) + @"(.+) rc=([0-9]+) ms=([0-9]+)\z", RegexOptions.CultureInvariant);
    }

    /// <summary>
    /// Where the script runs: the node's own login environment; Lmod comes from the node's profile, else from its
    /// init script. A section with a timeout runs in its own process group, killed (with whatever it started) when
    /// the time is up, so a hanging check fails alone and the next ones still report. Its output is kept in a
    /// file of the run, for <see cref="AddPerModule"/> to read; the script's last line removes them (not an EXIT
    /// trap: with Lmod's init sourced, subshells ended by the watchdog ran it too).
    /// </summary>
    private string Prelude => $$"""
        #!/bin/bash -l
        type module >/dev/null 2>&1 || for f in /usr/share/lmod/lmod/init/bash /etc/profile.d/modules.sh; do [ -f "$f" ] && . "$f" && break; done
        petal_tmp=$(mktemp -d)
        petal_section() {
          local t0 rc; t0=$(date +%s%N)
          echo {{ShellQuote.Single(_begin)}}"$1"
          if [ -z "${3:-}" ]; then
            ( eval "$2" ) 2>&1 </dev/null; rc=$?
          else
            set -m
            ( eval "$2" ) >"$petal_tmp/out.$4" 2>&1 </dev/null & local pid=$!
            ( sleep "$3"; kill -TERM -- -"$pid"; sleep 2; kill -KILL -- -"$pid" ) >/dev/null 2>&1 </dev/null & local dog=$!
            set +m
            wait "$pid"; rc=$?
            kill -- -"$dog" 2>/dev/null; wait "$dog" 2>/dev/null
            cat "$petal_tmp/out.$4"; [ -n "$(tail -c 1 "$petal_tmp/out.$4")" ] && echo
          fi
          echo {{ShellQuote.Single(_end)}}"$1 rc=$rc ms=$(( ($(date +%s%N) - t0) / 1000000 ))"
        }
        petal_modules() {
          printf '%s\n' "$1"
          sed -e 's/[[:space:]]*([^)]*)//g' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e 's:/*$::' "$2" 2>/dev/null \
            | awk -v p="$1/" 'index($0, p) == 1' | head -n 16
        }
        """;

    public JobScript Add(string id, string bash, TimeSpan? timeout = null)
    {
        _steps.Add(new Step(id, bash, timeout));
        return this;
    }

    /// <summary>
    /// Runs <paramref name="bash"/> once per module the terse `module avail` output of section
    /// <paramref name="availId"/> lists for <paramref name="package"/> (name/version lines, and the bare name),
    /// with the module in <c>$petal_module</c>; each run is section <c>ID(prefix + module)</c>
    /// (<see cref="PerModuleId"/>). The checks that need a module chosen from the head's avail can so run in the
    /// same session as that avail; the caller picks the section of the module it chose.
    /// </summary>
    public JobScript AddPerModule(string idPrefix, string package, string availId, string bash, TimeSpan timeout)
    {
        if (_steps.FindIndex(s => s.Id == availId && s.Timeout is not null) < 0)
            throw new ArgumentException($"section {availId} must come first and have a timeout (its output is kept)", nameof(availId));
        _steps.Add(new Step(idPrefix, bash, timeout, package, availId));
        return this;
    }

    /// <summary>The module of an <see cref="AddPerModule"/> section, as one bash word.</summary>
    public const string ModuleWord = "\"$petal_module\"";

    public static string PerModuleId(string idPrefix, string module) => idPrefix + module;

    public string Render()
    {
        var sb = new StringBuilder(Prelude).Append('\n');
        for (var i = 0; i < _steps.Count; i++)
        {
            var s = _steps[i];
            var seconds = s.Timeout is { } t ? ((int)Math.Ceiling(t.TotalSeconds)).ToString(CultureInfo.InvariantCulture) : "";
            if (s.Package is null)
            {
                sb.Append("petal_section ").Append(ShellQuote.Single(s.Id)).Append(' ').Append(ShellQuote.Single(s.Bash));
                if (s.Timeout is not null) sb.Append(' ').Append(ShellQuote.Single(seconds)).Append(' ').Append(i);
            }
            else
            {
                var from = _steps.FindIndex(x => x.Id == s.ModulesFrom);
                sb.Append("while IFS= read -r petal_module; do petal_section ").Append(ShellQuote.Single(s.Id)).Append("\"$petal_module\" ")
                  .Append(ShellQuote.Single(s.Bash)).Append(' ').Append(ShellQuote.Single(seconds)).Append(' ').Append(i)
                  .Append("; done < <(petal_modules ").Append(ShellQuote.Single(s.Package)).Append(" \"$petal_tmp/out.").Append(from).Append("\")");
            }
            sb.Append('\n');
        }
        return sb.Append("rm -rf \"$petal_tmp\"\n").ToString();
    }

    /// <summary>The longest a rendered script with timeouts runs: every section to its timeout, each per-module step up to 17 times.</summary>
    public TimeSpan Bound => _steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + (s.Timeout ?? TimeSpan.Zero) * (s.Package is null ? 1 : 17)
        + TimeSpan.FromSeconds(s.Package is null ? 3 : 51));

    /// <summary>What one section printed and returned.</summary>
    public sealed record Section(string Id, int ExitCode, TimeSpan Duration, string Output);

    /// <summary>Whether the script started: its first begin line is in <paramref name="output"/>.</summary>
    public bool Started(string output) => output.Contains(_begin, StringComparison.Ordinal);

    /// <summary>The sections that ended; one the run never finished (killed job, lost session) is absent.</summary>
    public IReadOnlyDictionary<string, Section> Parse(string output)
    {
        var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
        string? current = null;
        var text = new StringBuilder();
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith(_begin, StringComparison.Ordinal))
            {
                current = line[_begin.Length..].TrimEnd('\r');
                text.Clear();
            }
            else if (current is not null && _endLine.Match(line.TrimEnd('\r')) is { Success: true } m && m.Groups[1].Value == current)
            {
                sections[current] = new Section(current, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                    TimeSpan.FromMilliseconds(long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)), text.ToString().TrimEnd('\n'));
                current = null;
            }
            else if (current is not null) text.Append(line).Append('\n');
        }
        return sections;
    }

    /// <summary>The bash of one section, for the report.</summary>
    public string CommandOf(string id) => _steps.First(s => s.Id == id).Bash;
}
