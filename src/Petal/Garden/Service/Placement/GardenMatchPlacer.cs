using System.Text.Json;
using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching;
using Petal.Garden.Selection;
using Petal.Garden.Values;

namespace Petal.Garden.Service.Placement;

/// <summary>
/// The garden's own reading and matching behind the service: JGF graphs via <see cref="JgfReader"/>, jobspecs via
/// <see cref="JobspecReader"/>, matching via <see cref="GardenMatcher"/>, selection via <see cref="Selectors"/>
/// (default best-fit).
/// </summary>
public sealed class GardenMatchPlacer : IJobPlacer
{
    public const string DefaultAlgorithm = "best-fit";

    public PreparedCluster Prepare(string name, string nodes, IReadOnlyDictionary<string, string> subsystems)
    {
        try
        {
            return new PreparedCluster(name, JgfReader.Read(name, nodes, subsystems));
        }
        catch (GardenInputException e)
        {
            throw new GardenServiceException(GardenErrorKind.InvalidArgument, e.Message);
        }
    }

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
        var clusters = request.Candidates.Select(c => WithState((ClusterDescription)c.Cluster.Model, c.StateJson)).ToList();
        var matches = GardenMatcher.Match(job, clusters);
        var reasons = matches.Where(m => !m.Matched)
            .ToDictionary(m => m.Cluster.Name, m => m.Reasons, StringComparer.Ordinal);
        SelectionResult selection;
        try
        {
            selection = selector.Select(new SelectionContext(job, GardenMatcher.Matching(matches), Random.Shared));
        }
        catch (GardenInputException e)
        {
            throw new GardenServiceException(GardenErrorKind.InvalidArgument, e.Message);
        }
        foreach (var (cluster, why) in selection.Dropped)
            reasons[cluster] = [why];
        return new PlacementResult(job.Name, selection.Cluster, selection.Survivors, reasons);
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
