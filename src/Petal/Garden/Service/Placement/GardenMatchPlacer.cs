using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching;
using Petal.Garden.Matching.Index;
using Petal.Garden.Selection;
using Petal.Garden.Values;

namespace Petal.Garden.Service.Placement;

/// <summary>
/// The garden's own reading and matching behind the service: JGF graphs via <see cref="JgfReader"/>, jobspecs via
/// <see cref="JobspecReader"/>, matching via a <see cref="ClusterIndex"/> kept across requests (<see cref="GardenMatcher"/>'s answers), selection via <see cref="Selectors"/>
/// (default best-fit).
/// </summary>
public sealed class GardenMatchPlacer : IJobPlacer
{
    public const string DefaultAlgorithm = "best-fit";

    /// <summary>Every cluster prepared so far, compiled; requests pick their candidates out of it.</summary>
    private readonly ClusterIndex _index = new();
    private readonly Lock _gate = new();

    /// <summary>Graphs already read, by content: a cluster registered with the same files as another is not parsed again.</summary>
    private readonly ConcurrentDictionary<string, ClusterDescription> _read = new(StringComparer.Ordinal);

    public PreparedCluster Prepare(string name, string nodes, IReadOnlyDictionary<string, string> subsystems)
    {
        try
        {
            var key = ContentKey(nodes, subsystems);
            if (_read.TryGetValue(key, out var same)) return new PreparedCluster(name, JgfReader.Renamed(same, name));
            var read = JgfReader.Read(name, nodes, subsystems);
            _read.TryAdd(key, read);
            return new PreparedCluster(name, read);
        }
        catch (GardenInputException e)
        {
            throw new GardenServiceException(GardenErrorKind.InvalidArgument, e.Message);
        }
    }

    /// <summary>
    /// Hashes of graph texts by instance: the store hands every cluster naming one stored graph the same string, so
    /// thousands of clusters loaded from a few graphs hash a few texts, not thousands.
    /// </summary>
    private readonly ConditionalWeakTable<string, byte[]> _textHashes = new();

    private string ContentKey(string nodes, IReadOnlyDictionary<string, string> subsystems)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(TextHash(nodes));
        foreach (var (name, graph) in subsystems.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            hash.AppendData(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
            hash.AppendData(TextHash(graph));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private byte[] TextHash(string text) =>
        _textHashes.GetValue(text, static t => SHA256.HashData(Encoding.UTF8.GetBytes(t)));

    public PlacementResult Place(PlacementRequest request)
    {
        Jobspec job;
        ISelector selector;
        try
        {
            job = JobspecReader.Parse(request.Jobspec);
            selector = Selectors.Create(request.Algorithm ?? DefaultAlgorithm, request.Options);
        }
        catch (GardenInputException e)
        {
            throw new GardenServiceException(GardenErrorKind.InvalidArgument, e.Message);
        }
        var (matches, reasons) = Match(job, request.Candidates);
        SelectionResult selection;
        try
        {
            selection = selector.Select(new SelectionContext(job, matches, Random.Shared));
        }
        catch (GardenInputException e)
        {
            throw new GardenServiceException(GardenErrorKind.InvalidArgument, e.Message);
        }
        foreach (var (cluster, why) in selection.Dropped)
            reasons[cluster] = [why];
        return new PlacementResult(job.Name, selection.Cluster, selection.Survivors, reasons);
    }

    /// <summary>
    /// The candidates that can run the job (in the caller's order, with their reported state) and why each other
    /// cannot, answered by the index: the candidates' graphs are brought into it first (a new or re-read cluster
    /// replaces its entry), so its compiled shapes are reused from one request to the next.
    /// </summary>
    public (List<ClusterMatch> Matches, Dictionary<string, IReadOnlyList<string>> Reasons) Match(Jobspec job,
        IReadOnlyList<PlacementCandidate> candidates)
    {
        IndexedMatches answers;
        lock (_gate)
        {
            foreach (var c in candidates)
                if (!ReferenceEquals(_index.Find(c.Cluster.Name), c.Cluster.Model)) _index.Add((ClusterDescription)c.Cluster.Model);
            answers = _index.Evaluate(job);
        }
        var matches = new List<ClusterMatch>();
        var reasons = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var c in candidates)
        {
            var m = answers.For(c.Cluster.Name);
            if (m.Matched) matches.Add(new ClusterMatch(WithState(m.Cluster, c.StateJson), m.Grade, m.Score, m.Partition));
            else reasons[m.Cluster.Name] = m.Reasons;
        }
        return (matches, reasons);
    }

    /// <summary>The cluster's reported state (numbers only) over what its graph says, for selection.</summary>
    private static ClusterDescription WithState(ClusterDescription cluster, string stateJson)
    {
        if (stateJson is "{}" or "") return cluster;
        var state = new Dictionary<string, double>(cluster.State);
        using var document = JsonDocument.Parse(stateJson);
        foreach (var property in document.RootElement.EnumerateObject())
            if (property.Value.ValueKind == JsonValueKind.Number)
                state[property.Name] = property.Value.GetDouble();
        return cluster with { State = state };
    }
}
