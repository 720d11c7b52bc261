using Petal.Common;
using Petal.Garden.Jobspecs;
using Petal.Garden.Values;

namespace Petal.Garden.Simulation;

/// <summary>
/// Loads <c>--jobs</c>: a jobspec file, a YAML list of jobspecs, or a folder of <c>*.yaml</c>/<c>*.yml</c>
/// files (name order). A job is named by its file (without extension) unless the jobspec names it.
/// Every file is read before any error is raised, so all errors come at once.
/// </summary>
public static class JobFiles
{
    public static IReadOnlyList<Jobspec> Load(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToList()
            : File.Exists(path) ? [path] : throw new GardenInputException($"{path}: no such file or directory (--jobs)");
        var jobs = new List<Jobspec>();
        var errors = new List<string>();
        foreach (var f in files)
        {
            if (!InputFiles.TryReadText(f, out var text, out var problem)) { errors.Add($"jobspec {problem}"); continue; }
            try { jobs.AddRange(JobspecReader.ParseAll(text, Path.GetFileNameWithoutExtension(f), f)); }
            catch (GardenInputException e) { errors.Add(e.Message); }
        }
        if (errors.Count > 0) throw new GardenInputException(string.Join(Environment.NewLine, errors));
        var duplicate = jobs.GroupBy(j => j.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new GardenInputException($"two jobs are named '{duplicate.Key}'; give each a distinct name");
        return jobs;
    }
}
