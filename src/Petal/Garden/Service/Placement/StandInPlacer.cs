using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Petal.Garden.Service.Placement;

/// <summary>
/// Stand-in until the garden matcher (branch garden-match) is merged: checks that graphs are JSON with
/// graph.nodes and that the jobspec is a YAML mapping, and places every job on the first candidate.
/// </summary>
public sealed class StandInPlacer : IJobPlacer
{
    public PreparedCluster Prepare(string name, string nodes, IReadOnlyDictionary<string, string> subsystems)
    {
        foreach (var (what, graph) in subsystems.Select(s => ($"subsystem {s.Key}", s.Value)).Prepend(("nodes", nodes)))
        {
            try
            {
                using var document = JsonDocument.Parse(graph);
                if (!document.RootElement.TryGetProperty("graph", out var g) || !g.TryGetProperty("nodes", out _))
                    throw new GardenServiceException(GardenErrorKind.InvalidArgument, $"{what}: not a JGF graph (no graph.nodes)");
            }
            catch (JsonException e)
            {
                throw new GardenServiceException(GardenErrorKind.InvalidArgument, $"{what}: not valid JSON: {e.Message}");
            }
        }
        return new PreparedCluster(name, nodes);
    }

    public PlacementResult Place(PlacementRequest request)
    {
        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(request.Jobspec));
            if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode)
                throw new GardenServiceException(GardenErrorKind.InvalidArgument, "jobspec: not a YAML mapping");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new GardenServiceException(GardenErrorKind.InvalidArgument, $"jobspec: {e.Message}");
        }
        var names = request.Candidates.Select(c => c.Cluster.Name).ToList();
        return new PlacementResult(null, names.FirstOrDefault(), names, new Dictionary<string, IReadOnlyList<string>>());
    }
}
