using Petal.Common;

namespace Petal.Pcluster.Checking;

/// <summary>
/// One problem ParallelCluster would report for a cluster config: the rule (a validator's class name,
/// "Schema" or "YAML", as ParallelCluster names them), its severity, the YAML path
/// (<c>Scheduling.SlurmQueues[0].CapacityType</c>; empty for the whole document) and the reason.
/// </summary>
public sealed record ConfigFinding(string Rule, Severity Severity, string Path, string Message)
{
    public bool IsError => Severity == Severity.Error;

    /// <summary>ParallelCluster's own wording: "Validator: message" or "Schema: Path: message".</summary>
    public override string ToString() => Rule == ConfigChecker.SchemaRule && Path.Length > 0
        ? $"{Rule}: {Path}: {Message}"
        : $"{Rule}: {Message}";
}
