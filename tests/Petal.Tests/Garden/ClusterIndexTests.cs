using Petal.Catalog;
using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching;
using Petal.Garden.Matching.Index;
using Petal.Seeds;

namespace Petal.Tests.Garden;

/// <summary>The index answers exactly what the plain matcher answers: verdicts, grades, scores, queues, order, reasons.</summary>
public class ClusterIndexTests
{
    private static readonly string[] Types = ["c5.2xlarge", "c6g.2xlarge", "r6i.xlarge", "m7g.4xlarge", "c6i.8xlarge", "m5.large", "g4dn.xlarge"];
    private static readonly string[] Oses = ["ubuntu2204", "ubuntu2004", "rocky9", "alinux2023"];
    private static readonly string[] Software = ["go@1.20.14", "go@1.15.15", "go@1.22.1", "lammps@20230802", "openmpi@4.1.6", "singularity@3.8.0"];
    private static readonly string[] Arches = ["amd64", "arm64", "[arm64, amd64]"];
    private static readonly string[] OsAsks = ["ubuntu@22.04", "[ubuntu@22.04, rocky]", "rocky", "'!rocky'"];
    private static readonly string[] SoftwareAsks = ["go@1.20:", "lammps", "'!singularity'", "go@1.15", "openmpi@4:"];

    [Fact]
    public void Index_and_matcher_agree_on_generated_clusters_and_jobs()
    {
        for (var seed = 1; seed <= 6; seed++)
        {
            var random = new Random(seed);
            var clusters = Clusters(random, 40);
            var index = new ClusterIndex(clusters);
            Assert.True(index.Shapes < clusters.Count, "renamed copies share a shape");
            foreach (var job in Jobs(random, 30)) Same(job, clusters, index);

            // Unregister and re-register some: answers follow the live set.
            var gone = clusters.Where((_, i) => i % 3 == 0).ToList();
            foreach (var c in gone) Assert.True(index.Remove(c.Name));
            var live = clusters.Except(gone).ToList();
            foreach (var job in Jobs(random, 10)) Same(job, live, index);
            foreach (var c in gone.Take(4)) index.Add(c);
            var back = live.Concat(gone.Take(4)).ToList();
            foreach (var job in Jobs(random, 10)) Same(job, back, index);
        }
    }

    [Fact]
    public void Rainbow_jobspecs_get_the_same_answers_from_the_index()
    {
        var clusters = new List<ClusterDescription> { RainbowFixtures.Keebler(), RainbowFixtures.Keebler(io: false) with { Name = "keebler-plain" }, RainbowFixtures.SpackBuilder() };
        clusters.AddRange(Enumerable.Range(0, 5).Select(i => JgfReader.Read($"copy-{i}", RainbowFixtures.Read("scheduler/cluster-nodes.json"),
            new Dictionary<string, string> { ["io"] = RainbowFixtures.Read("scheduler/cluster-io-subsystem.json") })));
        var index = new ClusterIndex(clusters);
        foreach (var file in new[] { "scheduler/jobspec-io.yaml", "scheduler/jobspec-constraint.yaml", "range/jobspec-valid-range.yaml", "range/jobspec-invalid-range.yaml" })
            Same(JobspecReader.Parse(RainbowFixtures.Read(file), file), clusters, index);
    }

    /// <summary>Every answer, compared field by field (reasons too) with <see cref="GardenMatcher"/>.</summary>
    internal static void Same(Jobspec job, IReadOnlyList<ClusterDescription> clusters, ClusterIndex index)
    {
        var expected = GardenMatcher.Match(job, clusters);
        var answers = index.Evaluate(job);
        var actual = answers.All();
        Assert.Equal(Flat(expected), Flat(actual));
        var matching = GardenMatcher.Matching(expected);
        Assert.Equal(matching.Count, answers.MatchCount);
        Assert.Equal(matching.FirstOrDefault()?.Cluster.Name, answers.Best()?.Cluster.Name);
        Assert.Equal(Flat(matching.ToArray()), Flat(answers.Matches()));
        Assert.Equal(Flat(matching.Take(3).ToArray()), Flat(answers.Matches(3)));
        var order = clusters.Select(c => c.Name).ToList();
        Assert.Equal(matching.Select(m => m.Cluster.Name).OrderBy(order.IndexOf), answers.InClusterOrder().Select(m => m.Cluster.Name));
        var misses = answers.NearMisses(3).ToList();
        Assert.Equal(Math.Min(3, clusters.Count - matching.Count), misses.Count);
        Assert.All(misses, m => Assert.Contains(expected, e => e.Cluster.Name == m.Cluster.Name && !e.Matched && e.Reasons.SequenceEqual(m.Reasons)));
    }

    private static List<string> Flat(IEnumerable<ClusterMatch> matches) =>
        matches.Select(m => $"{m.Cluster.Name}|{m.Grade}|{m.Score}|{m.Partition}|{string.Join(" / ", m.Reasons)}").ToList();

    /// <summary>Seed clusters with 1–3 queues, and renamed copies of some (identical descriptions, other names).</summary>
    private static List<ClusterDescription> Clusters(Random random, int count)
    {
        var catalog = EmbeddedCatalog.Default;
        var seeds = new List<Seed>();
        for (var i = 0; i < count; i++)
        {
            if (seeds.Count > 0 && random.Next(3) == 0)
            {
                var copy = seeds[random.Next(seeds.Count)];
                seeds.Add(copy with { Cluster = copy.Cluster with { Name = $"c{i:000}" } });
                continue;
            }
            seeds.Add(new Seed
            {
                Cluster = new ClusterSection { Name = $"c{i:000}", Region = "us-east-1", Os = Oses[random.Next(Oses.Length)] },
                Compute = new ComputeSection
                {
                    HeadNode = "c5.large",
                    Queues = Enumerable.Range(0, 1 + random.Next(3)).Select(q => new QueueSpec
                    {
                        Name = $"q{q}", InstanceTypes = [Types[random.Next(Types.Length)]], MaxCount = 1 + random.Next(12),
                    }).ToList(),
                },
                Software = new SoftwareSection { SpackPackages = Software.Where(_ => random.Next(2) == 0).ToList() },
            });
        }
        return seeds.Select(s => ClusterDescriber.FromSeed(s, catalog)).ToList();
    }

    private static IEnumerable<Jobspec> Jobs(Random random, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var nodes = 1 + random.Next(10);
            var text = $"name: j{i}\nnodes: {nodes}\ntasks: {nodes * (1 + random.Next(16))}\n";
            if (random.Next(3) == 0) text += $"memory_per_node: {1 << random.Next(7)}GiB\n";
            if (random.Next(6) == 0) text += "gpus: 1\n";
            var requires = new List<string>();
            if (random.Next(2) == 0) requires.Add($"arch: {Arches[random.Next(Arches.Length)]}");
            if (random.Next(3) == 0) requires.Add($"os: {OsAsks[random.Next(OsAsks.Length)]}");
            if (random.Next(2) == 0) requires.Add($"software: [{string.Join(", ", SoftwareAsks.Where(_ => random.Next(3) == 0))}]");
            if (requires.Count > 0) text += "requires:\n" + string.Concat(requires.Select(r => $"  {r}\n"));
            yield return JobspecReader.Parse(text, $"j{i}.yaml");
        }
    }
}
