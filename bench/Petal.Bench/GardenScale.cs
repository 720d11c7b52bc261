using System.Diagnostics;
using Petal.Catalog;
using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching;
using Petal.Garden.Matching.Index;
using Petal.Garden.Simulation;
using Petal.Seeds;

namespace Petal.Bench;

/// <summary>
/// Garden at scale (not BenchmarkDotNet: the cases take seconds to build). <c>make DIR N</c> writes N cluster folders
/// in rainbow's format (48 distinct clusters — rainbow's keebler with and without io, its spack range cluster, and 45
/// seed-described clusters written as JGF — replicated under new names) and 18 jobs (rainbow's jobspecs and compact
/// ones); <c>curve</c> measures one job's best-fit cost in-process on one thread at 48 … 48,000 clusters (index and
/// plain matcher); <c>load DIR</c> times reading the folders.
/// </summary>
public static class GardenScale
{
    private static readonly string[] Types = ["c5.xlarge", "c6g.xlarge", "r6i.large", "m7g.xlarge", "c6i.2xlarge", "m5.large", "g4dn.xlarge"];
    private static readonly string[] Oses = ["ubuntu2204", "ubuntu2004", "rocky9", "alinux2023"];
    private static readonly string[] Go = ["go@1.20.14", "go@1.15.15", "go@1.22.1"];

    public static int Run(string[] args)
    {
        switch (args)
        {
            case ["make", var dir, var n]:
                Make(dir, int.Parse(n), 18);
                return 0;
            case ["make", var dir, var n, var jobs]:
                Make(dir, int.Parse(n), int.Parse(jobs));
                return 0;
            case ["load", var dir]:
                LoadRate(dir);
                return 0;
            case ["curve", ..]:
                Curve(args.Length > 1 ? args[1..].Select(int.Parse).ToArray() : [48, 480, 4_800, 48_000]);
                return 0;
            default:
                Console.Error.WriteLine("usage: garden-scale make DIR N | load DIR | curve [N...]");
                return 2;
        }
    }

    /// <summary>The 48 distinct clusters, as (name, nodes.json, subsystems).</summary>
    internal static List<(string Name, string Nodes, Dictionary<string, string> Subsystems)> Bases()
    {
        string Corpus(string f) => File.ReadAllText(RepoFiles.Find(Path.Combine("tests", "corpora", "rainbow", f)));
        var bases = new List<(string, string, Dictionary<string, string>)>
        {
            ("keebler", Corpus("scheduler/cluster-nodes.json"), new() { ["io"] = Corpus("scheduler/cluster-io-subsystem.json") }),
            ("keebler-plain", Corpus("scheduler/cluster-nodes.json"), new()),
            ("spack-builder", Corpus("range/cluster-nodes.json"), new() { ["spack"] = Corpus("range/spack-subsystem.json") }),
        };
        var catalog = EmbeddedCatalog.Default;
        for (var i = 0; i < 45; i++)
        {
            var d = ClusterDescriber.FromSeed(new Seed
            {
                Cluster = new ClusterSection { Name = $"seed{i:00}", Region = "us-east-1", Os = Oses[i % Oses.Length] },
                Compute = new ComputeSection
                {
                    HeadNode = "c5.large",
                    Queues = [new QueueSpec { Name = "compute", InstanceTypes = [Types[i % Types.Length]], MaxCount = 2 + i % 7 }],
                },
                Software = new SoftwareSection { SpackPackages = [Go[i % Go.Length], "lammps@20230802", "openmpi@4.1.6"] },
            }, catalog);
            var g = JgfWriter.Write(d);
            bases.Add(($"seed{i:00}", g.Nodes, g.Subsystems.ToDictionary()));
        }
        return bases;
    }

    public static readonly string[] CompactJobs =
    [
        "nodes: 2\ntasks: 8\nrequires: {arch: arm64, software: ['go@1.20:']}\n",
        "nodes: 8\ntasks: 64\nrequires: {arch: amd64}\n",
        "nodes: 1\ntasks: 4\nmemory_per_node: 30GiB\n",
        "nodes: 4\ntasks: 16\nmemory_per_node: 8GiB\nrequires: {arch: amd64, os: [ubuntu@22.04, rocky], software: ['go@1.20:', lammps]}\n",
        "nodes: 1\ngpus: 1\n",
        "nodes: 2\ntasks: 4\n",
        "nodes: 3\ntasks: 6\nrequires: {os: rocky}\n",
        "nodes: 1\ntasks: 2\nrequires: {software: ['go@1.15']}\n",
        "nodes: 6\ntasks: 12\nrequires: {arch: arm64}\n",
        "nodes: 2\ntasks: 16\nrequires: {software: [lammps, 'openmpi@4:']}\n",
        "nodes: 1\ntasks: 1\nrequires: {os: '!rocky'}\n",
        "nodes: 5\ntasks: 20\nmemory_per_node: 4GiB\n",
        "nodes: 7\ntasks: 7\nrequires: {arch: [arm64, amd64]}\n",
        "nodes: 1\ntasks: 8\nrequires: {os: ubuntu@20.04}\n",
        "nodes: 100\n",
    ];

    public static List<Jobspec> Jobs()
    {
        string Corpus(string f) => File.ReadAllText(RepoFiles.Find(Path.Combine("tests", "corpora", "rainbow", f)));
        var jobs = new List<Jobspec>
        {
            JobspecReader.Parse(Corpus("scheduler/jobspec-io.yaml"), "io"),
            JobspecReader.Parse(Corpus("range/jobspec-valid-range.yaml"), "range"),
            JobspecReader.Parse(Corpus("scheduler/jobspec-constraint.yaml"), "constraint"),
        };
        jobs.AddRange(CompactJobs.Select((t, i) => JobspecReader.Parse(t, $"job{i:00}")));
        return jobs;
    }

    private static void Make(string dir, int count, int jobCount)
    {
        // Each distinct cluster's files are written once under bases/; the replicas link to them (writing 48,000
        // copies of 30 KB takes longer than the runs being measured, and the loader reads through links alike).
        var bases = Bases();
        Directory.CreateDirectory(Path.Combine(dir, "clusters"));
        foreach (var (name, nodes, subsystems) in bases)
        {
            Directory.CreateDirectory(Path.Combine(dir, "bases", name, "subsystems"));
            File.WriteAllText(Path.Combine(dir, "bases", name, "nodes.json"), nodes);
            foreach (var (s, text) in subsystems) File.WriteAllText(Path.Combine(dir, "bases", name, "subsystems", s + ".json"), text);
        }
        Parallel.For(0, count, i =>
        {
            var (name, _, subsystems) = bases[i % bases.Count];
            var folder = Path.Combine(dir, "clusters", $"{name}-{i:000000}");
            var source = Path.GetFullPath(Path.Combine(dir, "bases", name));
            Directory.CreateDirectory(Path.Combine(folder, "subsystems"));
            File.CreateSymbolicLink(Path.Combine(folder, "nodes.json"), Path.Combine(source, "nodes.json"));
            foreach (var s in subsystems.Keys)
                File.CreateSymbolicLink(Path.Combine(folder, "subsystems", s + ".json"), Path.Combine(source, "subsystems", s + ".json"));
        });
        var jobs = Path.Combine(dir, "jobs");
        Directory.CreateDirectory(jobs);
        string Corpus(string f) => File.ReadAllText(RepoFiles.Find(Path.Combine("tests", "corpora", "rainbow", f)));
        File.WriteAllText(Path.Combine(jobs, "io.yaml"), Corpus("scheduler/jobspec-io.yaml"));
        File.WriteAllText(Path.Combine(jobs, "range.yaml"), Corpus("range/jobspec-valid-range.yaml"));
        File.WriteAllText(Path.Combine(jobs, "constraint.yaml"), Corpus("scheduler/jobspec-constraint.yaml"));
        for (var i = 0; i < jobCount - 3; i++)
            File.WriteAllText(Path.Combine(jobs, $"job{i:000}.yaml"), $"name: job{i:000}\n" + CompactJobs[i % CompactJobs.Length]);
        Console.WriteLine($"{count} clusters ({bases.Count} distinct) and {jobCount} jobs in {dir}");
    }

    private static void LoadRate(string dir)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var clusters = ClusterFolders.Load(Path.Combine(dir, "clusters"), EmbeddedCatalog.Default);
        var wall = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        watch.Restart();
        var index = new ClusterIndex(clusters);
        Console.WriteLine($"loaded {clusters.Count} folders in {wall:F2} s wall ({clusters.Count / wall:F0}/s), {cpuSeconds:F2} CPU-s ({clusters.Count / cpuSeconds:F0}/CPU-s); index {index.Shapes} shapes in {watch.Elapsed.TotalMilliseconds:F0} ms");
    }

    private static void Curve(int[] sizes)
    {
        var bases = Bases().Select(b => JgfReader.Read(b.Name, b.Nodes, b.Subsystems)).ToList();
        var jobs = Jobs();
        Console.WriteLine("clusters | shapes | index build ms | best-fit CPU µs/job (index) | all matches best first CPU µs/job (index) | best-fit CPU µs/job (plain matcher) | matches/job");
        foreach (var n in sizes)
        {
            var clusters = Enumerable.Range(0, n).Select(i => JgfReader.Renamed(bases[i % bases.Count], $"{bases[i % bases.Count].Name}-{i:000000}")).ToList();
            var watch = Stopwatch.StartNew();
            var index = new ClusterIndex(clusters);
            var build = watch.Elapsed.TotalMilliseconds;
            var best = PerJob(jobs, j => index.Evaluate(j).Best());
            var all = PerJob(jobs, j => index.Evaluate(j).Matches());
            var plain = n <= 4_800 ? PerJob(jobs, j => GardenMatcher.Matches(j, clusters).FirstOrDefault()) : double.NaN;
            var matched = jobs.Average(j => index.Evaluate(j).MatchCount);
            Console.WriteLine($"{n} | {index.Shapes} | {build:F0} | {best:F1} | {all:F1} | {(double.IsNaN(plain) ? "—" : plain.ToString("F0"))} | {matched:F0}");
        }
    }

    /// <summary>
    /// Mean CPU microseconds per job (this process's CPU time: the work runs on this thread alone, and on a loaded
    /// machine wall time counts other processes' turns), the jobs in turn, after half a CPU-second of warm-up
    /// (tiered JIT), repeated for at least a CPU-second.
    /// </summary>
    private static double PerJob(List<Jobspec> jobs, Func<Jobspec, object?> place)
    {
        var start = Cpu();
        while (Cpu() - start < 0.5) foreach (var j in jobs) place(j);
        var cpu = Cpu();
        long n = 0;
        do
        {
            foreach (var j in jobs) place(j);
            n += jobs.Count;
        } while (Cpu() - cpu < 1);
        return (Cpu() - cpu) * 1e6 / n;
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
