using Petal.Catalog;
using Petal.Common;
using Petal.Providers;
using Petal.Seeds;
using Petal.Verify.Transport;

namespace Petal.Verify;

/// <summary>
/// Turns `petal test NAME` into a target and a shell: the cluster's handle (<see cref="ClusterRegistry"/>), its seed,
/// the facts the tests check and a shell on its head node.
/// </summary>
public sealed class TestTargetResolver(ICatalog catalog, ClusterRegistry registry)
{
    private const string Purpose = "petal test";

    public async Task<(IClusterShell Shell, VerifyTarget Target)> ResolveAsync(string name, ShellRequest request, CancellationToken cancellation)
    {
        var cluster = registry.Open(name);
        var seed = LoadSeed(name, cluster.SeedFile);
        var target = VerifyTargets.For(cluster, seed);
        return (await cluster.OpenShellAsync(request, Purpose, cancellation), target);
    }

    private Seed LoadSeed(string name, string? seedFile)
    {
        if (seedFile is null || !File.Exists(seedFile))
            throw new UserInputException($"cluster '{name}' was created from {seedFile ?? "a seed petal did not record"}, which is gone: the tests check what the seed promised");
        var loaded = SeedLoader.Load(seedFile, catalog);
        return loaded.Ok && loaded.Seed is not null ? loaded.Seed
            : throw new UserInputException($"{seedFile} (the seed of cluster '{name}') no longer validates: run `petal validate {seedFile}`");
    }
}
