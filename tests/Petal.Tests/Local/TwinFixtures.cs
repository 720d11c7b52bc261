using Petal.Catalog;
using Petal.Providers;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Tests.Support;

namespace Petal.Tests.Local;

/// <summary>A few real EC2 shapes (figures from DescribeInstanceTypes) for twins built in tests.</summary>
public sealed class SmallCatalog : ICatalog
{
    private static readonly InstanceTypeInfo[] Types =
    [
        new() { Name = "c5.large", Architecture = "x86_64", VCpus = 2, Cores = 1, ThreadsPerCore = 2, MinThreadsPerCore = 1, MemoryMiB = 4096 },
        new() { Name = "c5.xlarge", Architecture = "x86_64", VCpus = 4, Cores = 2, ThreadsPerCore = 2, MinThreadsPerCore = 1, MemoryMiB = 8192 },
        new() { Name = "c5n.18xlarge", Architecture = "x86_64", VCpus = 72, Cores = 36, ThreadsPerCore = 2, MinThreadsPerCore = 1, MemoryMiB = 196608 },
        new() { Name = "t3.micro", Architecture = "x86_64", VCpus = 2, Cores = 1, ThreadsPerCore = 2, MinThreadsPerCore = 1, MemoryMiB = 1024 },
    ];

    public IReadOnlyCollection<InstanceTypeInfo> InstanceTypes => Types;
    public IReadOnlyCollection<string> Regions => ["us-east-1"];
    public InstanceTypeInfo? Find(string instanceType) => Types.FirstOrDefault(t => t.Name == instanceType);
    public bool IsOffered(string region, string instanceType) => Find(instanceType) is not null;
    public IEnumerable<string> TypesOfferedIn(string region) => Types.Select(t => t.Name);
    public PriceInfo? Price(string region, string instanceType) => null;
    public IReadOnlyList<string> Suggest(string instanceType, int max = 3) => [];
}

/// <summary>Seeds for twin tests, built in code.</summary>
public static class TwinSeeds
{
    public static Seed Make(SoftwareLayout layout, IReadOnlyList<QueueSpec> queues, IReadOnlyList<SeedUser>? users = null,
        IReadOnlyList<string>? packages = null) => new()
    {
        Cluster = new ClusterSection { Name = "twin-test", Region = "us-east-1" },
        Compute = new ComputeSection { HeadNode = "c5.large", Queues = queues },
        Software = new SoftwareSection { Layout = layout, SpackPackages = packages ?? ["gcc@12", "openmpi@4.1", "python@3.11", "cmake", "nonexistent-pkg@1.0"] },
        Users = users ?? [],
    };

    public static QueueSpec Queue(string name, string type, int min, int max) =>
        new() { Name = name, InstanceTypes = [type], MinCount = min, MaxCount = max };

    /// <summary>
    /// A seed file as a user writes it, for tests that run the petal process: one c6i.large queue (one static node, up
    /// to <paramref name="maxCount"/>), cmake, one user whose uid is its gid, then <paramref name="more"/> (data,
    /// shared_storage...).
    /// </summary>
    public static string OneQueueFile(TempDirectory dir, string file, string name, string user, int uid, int maxCount = 1, string more = "") =>
        dir.Write(file, $$"""
            cluster: { name: {{name}}, region: us-east-1 }
            compute:
              head_node: c6i.large
              queues:
                - { name: compute, instance_types: [c6i.large], min_count: 1, max_count: {{maxCount}} }
            software: { layout: ami, spack_packages: [cmake] }
            users:
              - { name: {{user}}, uid: {{uid}}, gid: {{uid}} }

            """ + more);
}

/// <summary>Creates a twin under a name unique to this test process and deletes it on dispose, even when the test fails.</summary>
public sealed class TwinHandle : IAsyncDisposable
{
    public required LocalProvider Provider { get; init; }
    public required string Name { get; init; }
    public required ClusterStatus Created { get; init; }
    public LocalTwin Twin => LocalProvider.Open(Name);

    /// <summary>Grows <paramref name="seed"/> as the twin <see cref="TestNames.Unique"/>(<paramref name="tag"/>).</summary>
    public static async Task<TwinHandle> CreateAsync(string tag, Seed seed, LocalCreateOptions? options = null, LocalProvider? provider = null)
    {
        var name = TestNames.Unique(tag);
        provider ??= new LocalProvider(new SmallCatalog(), options);
        try
        {
            var status = await provider.CreateAsync(seed, new ClusterCreateRequest(name), null, CancellationToken.None);
            return new TwinHandle { Provider = provider, Name = name, Created = status };
        }
        // A refused create (name taken, ...) made nothing: deleting by name would remove someone else's twin.
        catch (Exception e) when (e is not Petal.Common.UserInputException)
        {
            await provider.DeleteAsync(name, null, CancellationToken.None);
            throw;
        }
    }

    /// <summary>PETAL_TEST_KEEP_TWIN=1 keeps the twin for debugging by hand (petal delete removes it later).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("PETAL_TEST_KEEP_TWIN") != "1")
            await Provider.DeleteAsync(Name, null, CancellationToken.None);
    }
}
