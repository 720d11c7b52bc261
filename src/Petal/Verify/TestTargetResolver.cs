using Petal.Catalog;
using Petal.Common;
using Petal.Providers.Aws.Clusters;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Verify.Transport;

namespace Petal.Verify;

/// <summary>
/// Turns `petal test NAME` into a target and a shell: the cluster's seed, provider facts and transport. NAME is an
/// AWS cluster when petal recorded one (head node over SSH, target from the re-rendered plan), else a local twin.
/// </summary>
public sealed class TestTargetResolver(ICatalog catalog, AwsClusterProvider aws)
{
    private const string Purpose = "petal test";

    public Task<(IClusterShell Shell, VerifyTarget Target)> ResolveAsync(string name, ShellRequest request, CancellationToken cancellation) =>
        aws.Knows(name) ? AwsAsync(name, request, cancellation) : LocalAsync(name, request, cancellation);

    private async Task<(IClusterShell Shell, VerifyTarget Target)> LocalAsync(string name, ShellRequest request, CancellationToken cancellation)
    {
        var twin = LocalProvider.Open(name);
        var status = await new LocalProvider(catalog).StatusAsync(name, cancellation)
                     ?? throw new UserInputException($"no local cluster named '{name}' (see petal list)");
        if (status.State != "ready")
            throw new UserInputException($"cluster '{name}' is {status.State}, not ready: {Purpose} needs a running cluster");
        var seed = LoadSeed(name, status.SeedFile);
        var target = VerifyTargets.ForLocalTwin(twin, seed);
        return request.Host is null
            ? (new LocalTwinShell(twin), target)
            : (await SshClusterShell.ConnectAsync(request.EndpointFor(request.Host, seed.Cluster.Os, null), cancellation), target);
    }

    private async Task<(IClusterShell Shell, VerifyTarget Target)> AwsAsync(string name, ShellRequest request, CancellationToken cancellation)
    {
        var head = await aws.HeadNodeAsync(name, cancellation);
        var address = head.RunningAddress(Purpose);
        var seed = LoadSeed(name, head.State.SeedFile);
        var target = VerifyTargets.ForPlan(name, seed, aws.RecordedPlan(head.State, seed));
        return (await SshClusterShell.ConnectAsync(request.EndpointFor(address, head.State.Os, head.KeyFile), cancellation), target);
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
