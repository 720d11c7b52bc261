using Petal.Catalog;
using Petal.Common;
using Petal.Providers.Aws;
using Petal.Providers.Aws.Clusters;
using Petal.Providers.Local;
using Petal.Seeds;

namespace Petal.Providers;

/// <summary>
/// The one place a cluster name becomes a cluster: an AWS cluster when petal recorded one of that name, else a
/// local twin (or the provider named with --provider). Commands open a <see cref="ICluster"/> here and never ask
/// which provider it is.
/// </summary>
public sealed class ClusterRegistry(ICatalog catalog, AwsConnection? aws = null, AwsClusterStore? awsStore = null)
{
    public static readonly IReadOnlyList<string> ProviderNames = ["local", "aws"];

    private AwsClusterProvider Aws => new(catalog, aws ?? new AwsConnection(), awsStore);

    /// <summary>The provider `petal create --provider` names.</summary>
    public IClusterProvider Provider(string name) => name switch
    {
        "local" => new LocalProvider(catalog),
        "aws" => Aws,
        _ => throw new UserInputException($"unknown provider '{name}': use {string.Join(" or ", ProviderNames)}"),
    };

    /// <summary>The cluster of that name petal knows (with <paramref name="provider"/>: on that provider only), or null.</summary>
    public ICluster? Find(string name, string? provider = null)
    {
        if (provider is not null && !ProviderNames.Contains(provider))
            throw new UserInputException($"unknown provider '{provider}': use {string.Join(" or ", ProviderNames)}");
        var aws = Aws;
        if (provider is null or "aws" && aws.Knows(name)) return new AwsCluster(aws, aws.Recorded(name), catalog);
        // Asked for aws by name: a cluster only pcluster knows (not created by petal here) still has a status, ssh and delete.
        if (provider is "aws") return new AwsCluster(aws, null, catalog, name);
        if (LocalProvider.IsValidName(name) && TwinStateStore.Load(name) is { } twin) return new LocalCluster(twin, catalog);
        return null;
    }

    /// <summary>The cluster of that name, or invalid input pointing at `petal list`.</summary>
    public ICluster Open(string name, string? provider = null) =>
        Find(name, provider) ?? throw new UserInputException($"no cluster named '{name}' (see petal list)");

    /// <summary>Grows a cluster from <paramref name="seed"/> on <paramref name="provider"/> and opens it.</summary>
    public async Task<(ICluster Cluster, ClusterStatus Status)> CreateAsync(Seed seed, string provider, ClusterCreateRequest request,
        IProgress<string>? progress, CancellationToken cancellation)
    {
        var status = await Provider(provider).CreateAsync(seed, request, progress, cancellation);
        return (Open(request.Name, provider), status);
    }

    /// <summary>
    /// The cluster's own delete; a name petal cannot open (a twin whose state.json is gone or damaged, accounts it
    /// left) is still handed to its provider (default: the twin's), which removes what it finds on the host.
    /// </summary>
    public async Task<bool> DeleteAsync(string name, string? provider, IProgress<string>? progress, CancellationToken cancellation)
    {
        ICluster? cluster;
        try { cluster = Find(name, provider); }
        catch (InvalidOperationException) { cluster = null; } // a damaged record
        return cluster is not null
            ? await cluster.DeleteAsync(progress, cancellation)
            : await Provider(provider ?? "local").DeleteAsync(name, progress, cancellation);
    }

    /// <summary>`petal list`: petal's records; with <paramref name="provider"/> aws, pcluster's clusters in the region merged with them.</summary>
    public async Task<RecordListing<ClusterSummary>> ListAsync(string? provider, CancellationToken cancellation) =>
        provider is "aws" ? new RecordListing<ClusterSummary>(await Aws.ListLiveAsync(cancellation), Aws.Listing().Damaged) : List(provider);

    /// <summary>Every cluster petal recorded (no network call), and the records it could not read.</summary>
    public RecordListing<ClusterSummary> List(string? provider = null)
    {
        var twins = provider is null or "local" ? TwinStateStore.List() : new RecordListing<TwinState>([], []);
        var clusters = provider is null or "aws" ? Aws.Listing() : new RecordListing<AwsClusterState>([], []);
        return new RecordListing<ClusterSummary>(
            [.. twins.Records.Select(t => new LocalCluster(t, catalog).Summary), .. clusters.Records.Select(s => new AwsCluster(Aws, s, catalog).Summary)],
            [.. twins.Damaged, .. clusters.Damaged]);
    }
}
