using Petal.Catalog;
using Petal.Common;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Verify.Transport;

namespace Petal.Verify;

/// <summary>How to reach the head node: the provider's own way, or SSH to a given host.</summary>
public sealed record ShellRequest
{
    /// <summary>SSH to this host instead of the provider's transport (an AWS head node, or an sshd in front of a twin).</summary>
    public string? Host { get; init; }
    public int Port { get; init; } = 22;
    public string? User { get; init; }
    public string? KeyFile { get; init; }
    public string? HostKeySha256 { get; init; }
}

/// <summary>Turns `petal test NAME` into a target and a shell: the cluster's seed, provider facts and transport.</summary>
public static class TestTargetResolver
{
    public static async Task<(IClusterShell Shell, VerifyTarget Target)> ResolveAsync(string name, ShellRequest request, ICatalog catalog,
        CancellationToken cancellation)
    {
        LocalProvider.CheckName(name);
        var twin = LocalProvider.Open(name);
        var status = await new LocalProvider(catalog).StatusAsync(name, cancellation)
                     ?? throw new UserInputException($"no local cluster named '{name}' (see petal list)");
        if (status.State != "ready")
            throw new UserInputException($"cluster '{name}' is {status.State}, not ready: petal test needs a running cluster");
        var seed = LoadSeed(name, status.SeedFile, catalog);
        var target = VerifyTargets.ForLocalTwin(twin, seed);
        if (request.Host is null) return (new LocalTwinShell(twin), target);
        var endpoint = new SshEndpoint(request.Host, request.Port, request.User ?? SshEndpoint.DefaultUser(seed.Cluster.Os),
            SshEndpoint.KeyFilesFor(request.KeyFile, null)) { HostKeySha256 = request.HostKeySha256 };
        return (await SshClusterShell.ConnectAsync(endpoint, cancellation), target);
    }

    private static Seed LoadSeed(string name, string? seedFile, ICatalog catalog)
    {
        if (seedFile is null || !File.Exists(seedFile))
            throw new UserInputException($"cluster '{name}' was created from {seedFile ?? "a seed petal did not record"}, which is gone: the tests check what the seed promised");
        var loaded = SeedLoader.Load(seedFile, catalog);
        return loaded.Ok && loaded.Seed is not null ? loaded.Seed
            : throw new UserInputException($"{seedFile} (the seed of cluster '{name}') no longer validates: run `petal validate {seedFile}`");
    }
}
