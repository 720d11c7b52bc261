using System.Globalization;
using System.Text;
using Petal.Garden.Jobspecs;
using Petal.Spack;

namespace Petal.Capture;

/// <summary>A batch script turned into a garden jobspec, with what it needs from a seed. <see cref="Components"/>
/// holds a jobspec per component of a heterogeneous job (the one jobspec otherwise), which `--check` matches each.</summary>
public sealed record CapturedJob(JobRequest Request, string JobspecYaml, Jobspec Jobspec, IReadOnlyList<string> Packages,
    IReadOnlyList<ModuleMapping> Unmapped, IReadOnlyList<string> Notes, IReadOnlyList<string> Guesses, IReadOnlyList<Jobspec> Components);

/// <summary>
/// Writes petal's compact jobspec for a <see cref="JobRequest"/> (nodes, tasks, cores per task, memory per node, GPUs
/// per node, walltime, and the Spack packages of its modules as <c>requires.software</c>) and reads it back with
/// the garden's <see cref="JobspecReader"/>, so what is written is what the matcher sees. A garden jobspec is one job
/// on one queue and cannot ask for components that start together, so a heterogeneous job's jobspec is its largest
/// component, a GUESS said in the file and the summary; each component is also read as a jobspec of its own, for
/// `--check` to match them all.
/// </summary>
public static class JobspecWriter
{
    public static CapturedJob Write(JobRequest request)
    {
        var notes = new List<string>();
        var guesses = new List<string>();
        var c = request.Components.MaxBy(x => (long)x.Nodes * x.Tasks * x.CpusPerTask)!;
        if (request.Components.Count > 1)
            guesses.Add(Inv($"heterogeneous job of {request.Components.Count} components that start together: the jobspec asks only for the largest ({c.Nodes} node(s), {c.Tasks} task(s)); --check matches every component"));
        if (request.Array is not null) notes.Add($"array {request.Array}: the jobspec is one element");
        if (c.Exclusive) notes.Add("--exclusive: whole nodes; the jobspec asks for the cores it uses");
        var mappings = request.Modules.Select(ModuleSpackMap.Map).ToList();
        var packages = mappings.Where(m => m.Spec is not null).Select(m => SpecParser.Parse(m.Spec!).Name!).Distinct().ToList();
        var name = Path.GetFileNameWithoutExtension(request.File);
        var comments = guesses.Select(g => "GUESS: " + g).Concat(notes).ToList();
        var text = Render(request, c, comments, packages, name);
        var jobspec = JobspecReader.Parse(text, name, request.File);
        var components = request.Components.Count == 1 ? [jobspec]
            : request.Components.Select((x, i) => JobspecReader.Parse(Render(request, x, [], packages, name), Inv($"{name}-component{i + 1}"), request.File)).ToList();
        return new CapturedJob(request, text, jobspec, packages, mappings.Where(m => m.Spec is null).ToList(), notes, guesses, components);
    }

    private static string Render(JobRequest request, JobComponent c, IReadOnlyList<string> comments, IReadOnlyList<string> packages, string name)
    {
        var tasksPerNode = (c.Tasks + c.Nodes - 1) / c.Nodes;
        var memoryMb = c.MemoryMbPerNode ?? (c.MemoryMbPerCpu is { } perCpu ? perCpu * tasksPerNode * c.CpusPerTask : null);
        var yaml = new StringBuilder();
        yaml.AppendLine(Inv($"# From {Path.GetFileName(request.File)} ({request.Scheduler}) by `petal capture jobs`."));
        foreach (var comment in comments) yaml.AppendLine("# " + comment);
        yaml.AppendLine(Inv($"name: {Quote(request.Name ?? name)}"));
        yaml.AppendLine(Inv($"nodes: {c.Nodes}"));
        yaml.AppendLine(Inv($"tasks: {c.Tasks}"));
        yaml.AppendLine(Inv($"cores_per_task: {c.CpusPerTask}"));
        if (memoryMb is { } mb) yaml.AppendLine(Inv($"memory_per_node: {mb}MiB"));
        if (c.GpusPerNode > 0) yaml.AppendLine(Inv($"gpus: {c.GpusPerNode}"));
        if (request.TimeSeconds is { } s)
            yaml.AppendLine(Inv($"walltime: \"{s / 86400}-{s % 86400 / 3600:00}:{s % 3600 / 60:00}:{s % 60:00}\""));
        yaml.AppendLine(Inv($"command: [bash, {Quote(Path.GetFileName(request.File))}]"));
        if (packages.Count > 0) yaml.AppendLine("requires:\n  software: [" + string.Join(", ", packages) + "]");
        return yaml.ToString();
    }

    /// <summary>A YAML double-quoted scalar (names come from strangers' scripts).</summary>
    private static string Quote(string text) =>
        "\"" + string.Concat(text.Take(200).Select(ch => ch switch
        {
            '"' => "\\\"", '\\' => "\\\\", _ when char.IsControl(ch) => " ", _ => ch.ToString(),
        })) + "\"";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
