using System.Globalization;
using System.Text.RegularExpressions;

namespace Petal.Capture;

public enum BatchScheduler { Slurm, Pbs, Sge }

/// <summary>What one batch script asks for, per component of a heterogeneous job (most scripts have one).</summary>
public sealed record JobComponent(int Nodes, int Tasks, int CpusPerTask, long? MemoryMbPerNode, long? MemoryMbPerCpu,
    int GpusPerNode, string? GpuModel, bool Exclusive);

public sealed record JobRequest(string File, BatchScheduler Scheduler, string? Name, string? Queue, long? TimeSeconds,
    string? Array, IReadOnlyList<JobComponent> Components, IReadOnlyList<string> Modules);

/// <summary>A problem in a script: file:line, what is wrong, how to fix it.</summary>
public sealed record ScriptError(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

public sealed record JobScriptResult(JobRequest? Request, IReadOnlyList<ScriptError> Errors);

/// <summary>
/// Reads the directives of a Slurm (#SBATCH), PBS (#PBS) or SGE (#$) batch script and its `module load` lines.
/// Directives stop at the first command line, as the schedulers read them. Every problem is reported with its line;
/// a script with any error has no request. Bounded: scripts past <see cref="MaxBytes"/> are refused.
/// </summary>
public static partial class JobScriptReader
{
    public const int MaxBytes = 1 << 20;
    private const int MaxCount = 1_000_000;

    public static JobScriptResult Read(string file, string text)
    {
        var errors = new List<ScriptError>();
        if (text.Length > MaxBytes)
            return new(null, [new ScriptError(file, 1, $"the script is larger than {MaxBytes} bytes; is it a batch script?")]);
        var state = new State();
        var lines = text.Split('\n');
        var inDirectives = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            var number = i + 1;
            void Error(string message) => errors.Add(new ScriptError(file, number, message));
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                if (!inDirectives) continue;
                if (line.StartsWith("#SBATCH", StringComparison.Ordinal)) Directive(BatchScheduler.Slurm, line[7..], state, Error);
                else if (line.StartsWith("#PBS", StringComparison.Ordinal)) Directive(BatchScheduler.Pbs, line[4..], state, Error);
                else if (line.StartsWith("#$", StringComparison.Ordinal)) Directive(BatchScheduler.Sge, line[2..], state, Error);
                continue;
            }
            inDirectives = false;
            var load = ModuleLoad().Match(line);
            if (load.Success)
                foreach (var m in load.Groups["mods"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (m.StartsWith('-')) continue;
                    if (m.Contains('$') || m.Contains('`')) { Error($"module '{m}' is computed at run time; name it literally so it can be mapped"); continue; }
                    if (!state.Modules.Contains(m)) state.Modules.Add(m);
                }
        }
        if (state.Scheduler is null && errors.Count == 0)
            errors.Add(new ScriptError(file, 1, "no #SBATCH, #PBS or #$ directive found; add the resources the job needs as directives"));
        if (errors.Count > 0) return new(null, errors);
        state.Close();
        return new(new JobRequest(file, state.Scheduler!.Value, state.Name, state.Queue, state.Time, state.Array,
            state.Components, state.Modules), []);
    }

    private sealed class State
    {
        public BatchScheduler? Scheduler;
        public string? Name, Queue, Array;
        public long? Time;
        public int Nodes = 1, Tasks, TasksPerNode, CpusPerTask = 1, GpusPerNode, GpusTotal;
        public long? MemNode, MemCpu;
        public string? GpuModel;
        public bool Exclusive;
        public readonly List<JobComponent> Components = [];
        public readonly List<string> Modules = [];

        public void Close()
        {
            var tasks = Tasks > 0 ? Tasks : TasksPerNode > 0 ? TasksPerNode * Nodes : Nodes;
            // --gpus counts the job's GPUs, spread over its nodes.
            var gpus = GpusPerNode > 0 ? GpusPerNode : (GpusTotal + Nodes - 1) / Nodes;
            Components.Add(new JobComponent(Nodes, tasks, CpusPerTask, MemNode, MemCpu, gpus, GpuModel, Exclusive));
            Nodes = 1; Tasks = 0; TasksPerNode = 0; CpusPerTask = 1; GpusPerNode = 0; GpusTotal = 0; MemNode = null; MemCpu = null;
            GpuModel = null; Exclusive = false;
        }
    }

    private static void Directive(BatchScheduler scheduler, string rest, State s, Action<string> error)
    {
        if (s.Scheduler is { } seen && seen != scheduler)
        {
            error($"a {scheduler} directive in a {seen} script; keep the directives of one scheduler");
            return;
        }
        s.Scheduler = scheduler;
        var words = rest.Trim();
        var hash = words.IndexOf(" #", StringComparison.Ordinal);
        if (hash >= 0) words = words[..hash].Trim();
        if (words.Length == 0) return;
        switch (scheduler)
        {
            case BatchScheduler.Slurm: Slurm(words, s, error); break;
            case BatchScheduler.Pbs: Pbs(words, s, error); break;
            default: Sge(words, s, error); break;
        }
    }

    private static void Slurm(string words, State s, Action<string> error)
    {
        if (words is "hetjob" or "packjob") { s.Close(); return; }
        var tokens = Tokens(words);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            string key, value;
            if (token.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = token.IndexOf('=');
                key = eq < 0 ? token[2..] : token[2..eq];
                value = eq < 0 ? (NeedsValue(key) && i + 1 < tokens.Count ? tokens[++i] : "") : token[(eq + 1)..];
            }
            else if (token.Length >= 2 && token[0] == '-')
            {
                key = ShortSlurm(token[1]);
                value = token.Length > 2 ? token[2..].TrimStart('=') : i + 1 < tokens.Count ? tokens[++i] : "";
            }
            else { error($"'{token}' is not an option; #SBATCH lines take options such as --nodes=2"); continue; }
            switch (key)
            {
                case "nodes": s.Nodes = Count(value.Split('-')[0], "--nodes", error); break;
                case "ntasks": s.Tasks = Count(value, "--ntasks", error); break;
                case "ntasks-per-node": s.TasksPerNode = Count(value, "--ntasks-per-node", error); break;
                case "cpus-per-task": s.CpusPerTask = Count(value, "--cpus-per-task", error); break;
                case "mem": s.MemNode = Memory(value, 'M', "--mem", error); break;
                case "mem-per-cpu": s.MemCpu = Memory(value, 'M', "--mem-per-cpu", error); break;
                case "time": s.Time = SlurmTime(value, error); break;
                case "partition": s.Queue = value.Split(',')[0]; break;
                case "job-name": s.Name = value; break;
                case "array": s.Array = value; break;
                case "exclusive": s.Exclusive = true; break;
                case "gres": Gres(value, s, error); break;
                case "gpus-per-node":
                case "gpus":
                    GpuSpec(value, s, key, error); break;
                case "": error($"unknown short option '{token}'"); break;
            }
        }
    }

    private static bool NeedsValue(string key) => key is not ("exclusive" or "requeue" or "no-requeue" or "hold" or "overcommit" or "contiguous");

    private static string ShortSlurm(char c) => c switch
    {
        'N' => "nodes", 'n' => "ntasks", 'c' => "cpus-per-task", 't' => "time", 'p' => "partition", 'J' => "job-name",
        'a' => "array", 'G' => "gpus", 'o' => "output", 'e' => "error", 'A' => "account", 'q' => "qos", 'D' => "chdir",
        _ => "",
    };

    private static void Gres(string value, State s, Action<string> error)
    {
        foreach (var item in value.Split(','))
        {
            var parts = item.Split(':');
            if (parts[0] != "gpu") continue;
            if (parts.Length == 1) { s.GpusPerNode = 1; continue; }
            if (parts.Length == 2 && !char.IsDigit(parts[1][0])) { s.GpuModel = parts[1]; s.GpusPerNode = 1; continue; }
            if (parts.Length == 3) s.GpuModel = parts[1];
            s.GpusPerNode = Count(parts[^1], "--gres=gpu", error);
        }
    }

    private static void GpuSpec(string value, State s, string key, Action<string> error)
    {
        var parts = value.Split(':');
        if (parts.Length == 2) s.GpuModel = parts[0];
        var count = Count(parts[^1], "--" + key, error);
        if (key == "gpus") s.GpusTotal = count;
        else s.GpusPerNode = count;
    }

    private static void Pbs(string words, State s, Action<string> error)
    {
        var tokens = Tokens(words);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Length < 2 || token[0] != '-') { error($"'{token}' is not an option; #PBS lines take options such as -l walltime=01:00:00"); continue; }
            var value = token.Length > 2 ? token[2..] : i + 1 < tokens.Count ? tokens[++i] : "";
            switch (token[1])
            {
                case 'q': s.Queue = value; break;
                case 'N': s.Name = value; break;
                case 'J': s.Array = value; break;
                case 'l': foreach (var resource in value.Split(',')) PbsResource(resource, s, error); break;
            }
        }
    }

    private static void PbsResource(string resource, State s, Action<string> error)
    {
        var eq = resource.IndexOf('=');
        if (eq < 0) { error($"'-l {resource}' has no value; write it as name=value"); return; }
        var key = resource[..eq];
        var value = resource[(eq + 1)..];
        switch (key)
        {
            case "walltime": s.Time = SlurmTime(value, error); break;
            case "mem": s.MemNode = Memory(value, 'B', "mem", error); break;
            case "place": if (value.Contains("excl")) s.Exclusive = true; break;
            case "select":
                var chunks = value.Split(':');
                s.Nodes = Count(chunks[0], "select", error);
                foreach (var chunk in chunks.Skip(1)) PbsChunk(chunk, s, error);
                break;
            case "nodes":
                var parts = value.Split(':');
                s.Nodes = Count(parts[0], "nodes", error);
                foreach (var part in parts.Skip(1)) PbsChunk(part.Replace("ppn=", "mpiprocs=", StringComparison.Ordinal), s, error);
                break;
            case "ncpus": s.TasksPerNode = Count(value, "ncpus", error); break;
            case "ngpus": s.GpusPerNode = Count(value, "ngpus", error); break;
        }
    }

    private static void PbsChunk(string chunk, State s, Action<string> error)
    {
        var eq = chunk.IndexOf('=');
        if (eq < 0) { error($"select chunk '{chunk}' has no value; write it as name=value"); return; }
        var value = chunk[(eq + 1)..];
        switch (chunk[..eq])
        {
            case "ncpus": var n = Count(value, "ncpus", error); if (s.TasksPerNode == 0) s.TasksPerNode = n; s.CpusPerTask = Math.Max(1, n / Math.Max(1, s.TasksPerNode)); break;
            case "mpiprocs": s.TasksPerNode = Count(value, "mpiprocs", error); break;
            case "ompthreads": s.CpusPerTask = Count(value, "ompthreads", error); break;
            case "mem": s.MemNode = Memory(value, 'B', "mem", error); break;
            case "ngpus": s.GpusPerNode = Count(value, "ngpus", error); break;
            case "gpu_model": s.GpuModel = value; break;
        }
    }

    private static void Sge(string words, State s, Action<string> error)
    {
        var tokens = Tokens(words);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Length < 2 || token[0] != '-') { error($"'{token}' is not an option; #$ lines take options such as -l h_rt=01:00:00"); continue; }
            string Next() => i + 1 < tokens.Count ? tokens[++i] : "";
            switch (token)
            {
                case "-cwd" or "-V" or "-notify": break;
                case "-q": s.Queue = Next().Split('@')[0]; break;
                case "-N": s.Name = Next(); break;
                case "-t": s.Array = Next(); break;
                case "-pe":
                    Next();
                    s.Tasks = Count(Next().Split('-')[^1], "-pe", error);
                    break;
                case "-l":
                    foreach (var resource in Next().Split(','))
                    {
                        var eq = resource.IndexOf('=');
                        if (eq < 0) { if (resource is "exclusive") s.Exclusive = true; continue; }
                        var value = resource[(eq + 1)..];
                        switch (resource[..eq])
                        {
                            case "h_rt": s.Time = SlurmTime(value, error); break;
                            case "h_vmem" or "mem_free" or "m_mem_free": s.MemCpu = Memory(value, 'B', resource[..eq], error); break;
                            case "gpu" or "ngpus" or "gpus": s.GpusPerNode = Count(value, resource[..eq], error); break;
                            case "exclusive": s.Exclusive = value is "true" or "1" or "TRUE"; break;
                        }
                    }
                    break;
                default: Next(); break;
            }
        }
    }

    private static List<string> Tokens(string words) =>
        words.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim('"', '\'')).ToList();

    private static int Count(string text, string what, Action<string> error)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= MaxCount) return n;
        error($"{what} must be a whole number from 1 to {MaxCount}, not '{text}'");
        return 1;
    }

    /// <summary>"64gb", "4G", "4000" (in <paramref name="bareUnit"/>: 'M' for Slurm, 'B' for PBS/SGE bytes) → MiB.</summary>
    private static long? Memory(string text, char bareUnit, string what, Action<string> error)
    {
        var m = MemoryText().Match(text);
        if (!m.Success)
        {
            error($"{what} '{text}' is not a memory size; write it as a number with a unit, such as 4G or 4000M");
            return null;
        }
        var number = decimal.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        var unit = m.Groups["u"].Value.ToUpperInvariant();
        var mb = (unit.Length == 0 ? bareUnit.ToString() : unit[..1]) switch
        {
            "B" => number / (1024 * 1024), "K" => number / 1024, "M" => number, "G" => number * 1024, "T" => number * 1024 * 1024,
            _ => -1,
        };
        if (mb is < 0 or > 1L << 40) { error($"{what} '{text}' is out of range"); return null; }
        return (long)Math.Ceiling(mb);
    }

    /// <summary>Slurm's time forms ("30", "1:00:00", "2-12", "2-12:30:00") and PBS/SGE "HH:MM:SS" → seconds.</summary>
    private static long? SlurmTime(string text, Action<string> error)
    {
        var m = TimeText().Match(text);
        if (!m.Success || text is "UNLIMITED" or "infinite")
        {
            if (text is "UNLIMITED" or "infinite") return null;
            error($"time '{text}' is not a duration; write it as minutes, HH:MM:SS or D-HH:MM:SS");
            return null;
        }
        long Part(string g) => m.Groups[g].Success ? long.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
        var days = Part("d");
        var fields = new[] { m.Groups["a"], m.Groups["b"], m.Groups["c"] }.Where(g => g.Success).Select(g => long.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray();
        long seconds = (days > 0 || m.Groups["d"].Success)
            ? fields.Length switch { 0 => 0, 1 => fields[0] * 3600, 2 => fields[0] * 3600 + fields[1] * 60, _ => fields[0] * 3600 + fields[1] * 60 + fields[2] }
            : fields.Length switch { 1 => fields[0] * 60, 2 => fields[0] * 60 + fields[1], _ => fields[0] * 3600 + fields[1] * 60 + fields[2] };
        return days * 86400 + seconds;
    }

    [GeneratedRegex(@"^(?:module|ml)\s+(?:load|add)\s+(?<mods>[^;&|#]+)")]
    private static partial Regex ModuleLoad();

    [GeneratedRegex(@"^(?<n>\d{1,12}(?:\.\d{1,6})?)(?<u>[kKmMgGtT]?[bB]?)\z")]
    private static partial Regex MemoryText();

    [GeneratedRegex(@"^(?:(?<d>\d{1,5})-)?(?<a>\d{1,7})(?::(?<b>\d{1,2}))?(?::(?<c>\d{1,2}))?\z")]
    private static partial Regex TimeText();
}
