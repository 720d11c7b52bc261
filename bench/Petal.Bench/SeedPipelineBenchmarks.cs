using BenchmarkDotNet.Attributes;
using Petal.Catalog;
using Petal.Plans;
using Petal.Seeds;

namespace Petal.Bench;

/// <summary>
/// The in-process work of `petal validate` and `petal plan` on the largest library seed, with the catalog already
/// loaded and the code jitted: what remains of bench/validate.sh and bench/plan.sh once start-up is taken away.
/// Run: dotnet run -c Release --project bench/Petal.Bench -- --filter '*SeedPipelineBenchmarks*'
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SeedPipelineBenchmarks
{
    private readonly string _seedPath = LargestLibrarySeed();
    private readonly ICatalog _catalog = EmbeddedCatalog.Default;
    private Seed _seed = null!;
    private Plan _plan = null!;
    private string _outDir = null!;

    [GlobalSetup]
    public void Setup()
    {
        var loaded = SeedLoader.Load(_seedPath, _catalog);
        _seed = loaded.Ok ? loaded.Seed! : throw new InvalidOperationException($"{_seedPath} does not validate");
        _plan = Planner.Create(_seed, _catalog, new PlanOptions());
        _outDir = Directory.CreateTempSubdirectory("petal-bench-plan-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_outDir, recursive: true);

    /// <summary>Read, parse, resolve extends and run every rule: all of `petal validate` but start-up.</summary>
    [Benchmark]
    public int LoadAndValidate() => SeedLoader.Load(_seedPath, _catalog).Diagnostics.Count;

    /// <summary>
    /// A hostile seed: 20,000 s3_mounts (issue 13: 12.8 s when the mount-conflict rule compared every pair). The
    /// schema refuses the list (at most 64) and the rules stay linear in the mounts.
    /// </summary>
    [Benchmark]
    public int ValidateManyMounts() => SeedLoader.LoadText(_manyMounts, "many-mounts.yaml", _catalog).Diagnostics.Count;

    private readonly string _manyMounts = """
        cluster: { name: many, region: us-east-1 }
        compute:
          head_node: c6i.large
          queues: [{ name: compute, instance_types: [c6i.large], max_count: 4 }]
        software: { spack_packages: [gcc@13.2.0] }
        data:
          s3_mounts:

        """ + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"  - {{ bucket: b-{i}, mount_point: /d{i} }}\n"));

    /// <summary>Render every plan file from a validated seed.</summary>
    [Benchmark]
    public int Plan() => Planner.Create(_seed, _catalog, new PlanOptions()).Files.Count;

    /// <summary>Write the rendered files (what `petal plan` does after rendering).</summary>
    [Benchmark]
    public int WritePlan() => PlanWriter.Write(_plan, _outDir).Count;

    private static string LargestLibrarySeed() =>
        new DirectoryInfo(RepoFiles.Find(Path.Combine("seeds", "library"))).GetFiles("*.yaml").MaxBy(f => f.Length)!.FullName;
}
