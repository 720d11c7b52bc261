using Petal.Tests.Support;

namespace Petal.Tests.Aws;

/// <summary>
/// A STAND-IN for the `pcluster` CLI (ParallelCluster cannot run here): a bash script that records
/// its arguments in calls.log and replays JSON shaped like pcluster 3.12's documented outputs.
/// The final create status is chosen by <see cref="Outcome"/>: CREATE_COMPLETE, CREATE_FAILED, or
/// STUCK (CREATE_IN_PROGRESS forever).
/// </summary>
public sealed class PclusterStandIn : IDisposable
{
    private readonly TempDirectory _dir = new();

    public string Path { get; }

    public PclusterStandIn(string outcome = "CREATE_COMPLETE")
    {
        Path = _dir.Write("pcluster", Script);
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Outcome = outcome;
    }

    public string Outcome { set => File.WriteAllText(_dir.File("outcome"), value); }

    public IReadOnlyList<string> Calls => File.Exists(_dir.File("calls.log")) ? File.ReadAllLines(_dir.File("calls.log")) : [];

    public string? ConfigPassed => Calls.Where(c => c.StartsWith("create-cluster", StringComparison.Ordinal))
        .Select(c => c.Split(' ')).Select(a => a[Array.IndexOf(a, "--cluster-configuration") + 1]).FirstOrDefault();

    public void Dispose() => _dir.Dispose();

    private const string Script = """
        #!/bin/bash
        # Stand-in for pcluster 3.12.0 (test double): records arguments, replays documented JSON shapes.
        dir="$(cd "$(dirname "$0")" && pwd)"
        echo "$*" >> "$dir/calls.log"
        name=""; prev=""
        for a in "$@"; do [ "$prev" = "--cluster-name" ] && name="$a"; prev="$a"; done
        outcome="$(cat "$dir/outcome")"
        missing() { echo "{\"message\": \"Cluster '$name' does not exist or belongs to an incompatible ParallelCluster major version.\"}"; exit 1; }
        case "$1" in
          version) echo '{"version": "3.12.0"}' ;;
          create-cluster)
            [ -f "$dir/exists" ] && { echo '{"message": "cluster already exists"}'; exit 1; }
            echo 0 > "$dir/exists"
            echo "{\"cluster\": {\"clusterName\": \"$name\", \"cloudformationStackStatus\": \"CREATE_IN_PROGRESS\", \"cloudformationStackArn\": \"arn:aws:cloudformation:us-east-1:123456789012:stack/$name/1\", \"region\": \"us-east-1\", \"version\": \"3.12.0\", \"clusterStatus\": \"CREATE_IN_PROGRESS\", \"scheduler\": {\"type\": \"slurm\"}}}" ;;
          describe-cluster)
            [ -f "$dir/exists" ] || missing
            n=$(( $(cat "$dir/exists") + 1 )); echo $n > "$dir/exists"
            if [ -f "$dir/deleting" ]; then rm -f "$dir/exists" "$dir/deleting"; status=DELETE_IN_PROGRESS
            elif [ "$n" -lt 2 ] || [ "$outcome" = STUCK ]; then status=CREATE_IN_PROGRESS
            else status="$outcome"; fi
            failures='[]'
            [ "$status" = CREATE_FAILED ] && failures='[{"failureCode": "HeadNodeBootstrapFailure", "failureReason": "Cluster creation failed because there was a failure when bootstrapping the head node."}]'
            echo "{\"clusterName\": \"$name\", \"region\": \"us-east-1\", \"version\": \"3.12.0\", \"clusterStatus\": \"$status\", \"cloudFormationStackStatus\": \"$status\", \"headNode\": {\"instanceId\": \"i-0abc\", \"instanceType\": \"c6a.large\", \"state\": \"running\", \"publicIpAddress\": \"198.51.100.10\", \"privateIpAddress\": \"10.0.0.10\"}, \"failures\": $failures}" ;;
          delete-cluster)
            [ -f "$dir/exists" ] || missing
            touch "$dir/deleting"
            echo "{\"cluster\": {\"clusterName\": \"$name\", \"clusterStatus\": \"DELETE_IN_PROGRESS\", \"region\": \"us-east-1\", \"version\": \"3.12.0\"}}" ;;
          list-clusters)
            if [ -f "$dir/exists" ]; then echo "{\"clusters\": [{\"clusterName\": \"$(cat "$dir/name" 2>/dev/null || echo demo)\", \"clusterStatus\": \"CREATE_COMPLETE\", \"region\": \"us-east-1\", \"version\": \"3.12.0\"}]}"
            else echo '{"clusters": []}'; fi ;;
          *) echo "{\"message\": \"unknown command $1\"}"; exit 1 ;;
        esac

        """;
}
