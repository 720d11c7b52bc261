using Petal.Tests.Support;

namespace Petal.Tests.Aws;

/// <summary>
/// A STAND-IN for the `pcluster` CLI (ParallelCluster cannot run here): a bash script that records
/// its arguments in calls.log and replays JSON shaped like pcluster 3.12's documented outputs.
/// The final create status is chosen by <see cref="Outcome"/>: CREATE_COMPLETE, CREATE_FAILED, or
/// STUCK (CREATE_IN_PROGRESS forever). update-cluster refuses, as pcluster does, a config change while the
/// compute fleet is not STOPPED, copies each config it accepts (<see cref="ConfigsUpdated"/>) and goes
/// UPDATE_IN_PROGRESS then <see cref="UpdateOutcome"/>; the compute fleet walks STOP_REQUESTED → STOPPING →
/// STOPPED and START_REQUESTED → STARTING → RUNNING on describe-compute-fleet.
/// Once it has a cluster's config (from create-cluster, then each completed update), update-cluster checks the new
/// config against it as pcluster 3.12 documents its update policies (a small Python model, <see cref="PolicyScript"/>,
/// independent of petal's): a head node type, OS, AMI or region change is refused outright; removing a queue or a
/// compute resource, changing instance types, MinCount, CapacityType or AllocationStrategy, or lowering MaxCount is
/// refused while the compute fleet is not STOPPED; adding a queue or raising MaxCount is accepted while it runs.
/// Without a config (a cluster made with <see cref="Created"/>) any change needs the fleet STOPPED.
/// </summary>
public sealed class PclusterStandIn : IDisposable
{
    private readonly TempDirectory _dir = new();

    public string Path { get; }

    public PclusterStandIn(string outcome = "CREATE_COMPLETE")
    {
        Path = _dir.Write("pcluster", Script);
        _dir.Write("policy.py", PolicyScript);
        File.WriteAllText(_dir.File("python"), Python());
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Outcome = outcome;
    }

    public string Outcome { set => File.WriteAllText(_dir.File("outcome"), value); }

    /// <summary>UPDATE_COMPLETE (default) or UPDATE_FAILED.</summary>
    public string UpdateOutcome { set => File.WriteAllText(_dir.File("update-outcome"), value); }

    /// <summary>The head node's public address describe-cluster reports (default 198.51.100.10).</summary>
    public string HeadNodeAddress { set => File.WriteAllText(_dir.File("address"), value); }

    /// <summary>As if create-cluster had already been run for <paramref name="name"/> (describe-cluster then reports <see cref="Outcome"/>).</summary>
    public void Created(string name)
    {
        File.WriteAllText(_dir.File("exists"), "1");
        File.WriteAllText(_dir.File("name"), name);
    }

    public IReadOnlyList<string> Calls => File.Exists(_dir.File("calls.log")) ? File.ReadAllLines(_dir.File("calls.log")) : [];

    public string? ConfigPassed => Calls.Where(c => c.StartsWith("create-cluster", StringComparison.Ordinal))
        .Select(c => c.Split(' ')).Select(a => a[Array.IndexOf(a, "--cluster-configuration") + 1]).FirstOrDefault();

    /// <summary>Copies of the configs update-cluster accepted, in order.</summary>
    public IReadOnlyList<string> ConfigsUpdated =>
        Enumerable.Range(1, 1000).Select(i => _dir.File($"updated-{i}.yaml")).TakeWhile(File.Exists).Select(File.ReadAllText).ToList();

    /// <summary>The config pcluster holds for the cluster (the last created or completed update), or null.</summary>
    public string? CurrentConfig => File.Exists(_dir.File("current.yaml")) ? File.ReadAllText(_dir.File("current.yaml")) : null;

    public void Dispose() => _dir.Dispose();

    /// <summary>The Python that runs moto_server (it has PyYAML), else python3 on PATH.</summary>
    private static string Python()
    {
        var pyenv = System.Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } r
            ? r : System.IO.Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".pyenv");
        var moto = System.IO.Path.Combine(pyenv, "versions", "3.11.7", "bin", "python3");
        return File.Exists(moto) ? moto : "python3";
    }

    /// <summary>
    /// pcluster 3.12's update checks for what petal renders (update_policy.py and the schema's annotations), written
    /// as a test double: prints pcluster's refusal JSON and exits 1, or exits 0. Arguments: current config, new config, fleet status.
    /// </summary>
    private const string PolicyScript = """
        import json, sys, yaml
        current, new, fleet = yaml.safe_load(open(sys.argv[1])) or {}, yaml.safe_load(open(sys.argv[2])) or {}, sys.argv[3]
        errors = []
        def unsupported(parameter, key, old, value):
            errors.append({"parameter": parameter, "requestedValue": value, "currentValue": old,
                "message": f"Update actions are not currently supported for the '{key}' parameter. Restore '{key}' value to '{old}'. "
                           "If you need this change, please consider creating a new cluster instead of updating the existing one."})
        def stopped(parameter, old, value, reason="All compute nodes must be stopped"):
            if fleet != "STOPPED":
                errors.append({"parameter": parameter, "requestedValue": value, "currentValue": old,
                    "message": reason + ". Stop the compute fleet with the pcluster update-compute-fleet command"})
        for path in (("Region",), ("Image", "Os"), ("Image", "CustomAmi"), ("HeadNode", "InstanceType")):
            a, b = current, new
            for k in path: a, b = (a or {}).get(k), (b or {}).get(k)
            if a != b: unsupported(".".join(path), path[-1], a, b)
        def by_name(items): return {i["Name"]: i for i in items or []}
        def types(cr): return sorted([cr["InstanceType"]] if "InstanceType" in cr else [i["InstanceType"] for i in cr.get("Instances", [])])
        def queues(config): return by_name((config.get("Scheduling") or {}).get("SlurmQueues"))
        old_queues, new_queues = queues(current), queues(new)
        for q, oq in old_queues.items():
            p = f"Scheduling.SlurmQueues[{q}]"
            if q not in new_queues: stopped(p, q, None); continue
            nq = new_queues[q]
            for key in ("CapacityType", "AllocationStrategy"):
                if oq.get(key) != nq.get(key): stopped(f"{p}.{key}", oq.get(key), nq.get(key), "All compute nodes must be stopped or QueueUpdateStrategy must be set")
            old_crs, new_crs = by_name(oq.get("ComputeResources")), by_name(nq.get("ComputeResources"))
            for c, oc in old_crs.items():
                cp = f"{p}.ComputeResources[{c}]"
                if c not in new_crs: stopped(cp, c, None); continue
                nc = new_crs[c]
                if not set(types(oc)) <= set(types(nc)): stopped(f"{cp}.InstanceType", types(oc), types(nc))
                if oc.get("MinCount", 0) != nc.get("MinCount", 0): stopped(f"{cp}.MinCount", oc.get("MinCount"), nc.get("MinCount"))
                if nc.get("MaxCount", 10) < oc.get("MaxCount", 10):
                    stopped(f"{cp}.MaxCount", oc.get("MaxCount"), nc.get("MaxCount"), "Shrinking a queue requires the compute fleet to be stopped first")
        if errors:
            print(json.dumps({"message": "Update failure", "updateValidationErrors": errors}))
            sys.exit(1)
        """;

    private const string Script = """
        #!/bin/bash
        # Stand-in for pcluster 3.12.0 (test double): records arguments, replays documented JSON shapes.
        dir="$(cd "$(dirname "$0")" && pwd)"
        echo "$*" >> "$dir/calls.log"
        name=""; prev=""; config=""; fleet_request=""
        for a in "$@"; do
          case "$prev" in --cluster-name) name="$a" ;; --cluster-configuration) config="$a" ;; --status) fleet_request="$a" ;; esac
          prev="$a"
        done
        outcome="$(cat "$dir/outcome")"
        address="$(cat "$dir/address" 2>/dev/null || echo 198.51.100.10)"
        fleet="$(cat "$dir/fleet" 2>/dev/null || echo RUNNING)"
        missing() { echo "{\"message\": \"Cluster '$name' does not exist or belongs to an incompatible ParallelCluster major version.\"}"; exit 1; }
        now() { date -u +%Y-%m-%dT%H:%M:%S.000Z; }
        case "$1" in
          version) echo '{"version": "3.12.0"}' ;;
          create-cluster)
            [ -f "$dir/exists" ] && { echo '{"message": "cluster already exists"}'; exit 1; }
            echo 0 > "$dir/exists"
            cp "$config" "$dir/current.yaml"
            echo "{\"cluster\": {\"clusterName\": \"$name\", \"cloudformationStackStatus\": \"CREATE_IN_PROGRESS\", \"cloudformationStackArn\": \"arn:aws:cloudformation:us-east-1:123456789012:stack/$name/1\", \"region\": \"us-east-1\", \"version\": \"3.12.0\", \"clusterStatus\": \"CREATE_IN_PROGRESS\", \"scheduler\": {\"type\": \"slurm\"}}}" ;;
          describe-cluster)
            [ -f "$dir/exists" ] || missing
            n=$(( $(cat "$dir/exists") + 1 )); echo $n > "$dir/exists"
            if [ -f "$dir/deleting" ]; then rm -f "$dir/exists" "$dir/deleting"; status=DELETE_IN_PROGRESS
            elif [ -f "$dir/updating" ]; then
              u=$(( $(cat "$dir/updating") + 1 )); echo $u > "$dir/updating"
              if [ "$u" -lt 2 ]; then status=UPDATE_IN_PROGRESS; else status="$(cat "$dir/update-outcome" 2>/dev/null || echo UPDATE_COMPLETE)"; fi
            elif [ "$n" -lt 2 ] || [ "$outcome" = STUCK ]; then status=CREATE_IN_PROGRESS
            else status="$outcome"; fi
            failures='[]'
            [ "$status" = CREATE_FAILED ] && failures='[{"failureCode": "HeadNodeBootstrapFailure", "failureReason": "Cluster creation failed because there was a failure when bootstrapping the head node."}]'
            [ "$status" = UPDATE_FAILED ] && failures='[{"failureCode": "ClusterUpdateFailure", "failureReason": "The compute fleet could not be updated: capacity not available."}]'
            echo "{\"clusterName\": \"$name\", \"region\": \"us-east-1\", \"version\": \"3.12.0\", \"clusterStatus\": \"$status\", \"cloudFormationStackStatus\": \"$status\", \"computeFleetStatus\": \"$fleet\", \"headNode\": {\"instanceId\": \"i-0abc\", \"instanceType\": \"c6a.large\", \"state\": \"running\", \"publicIpAddress\": \"$address\", \"privateIpAddress\": \"10.0.0.10\"}, \"failures\": $failures}" ;;
          delete-cluster)
            [ -f "$dir/exists" ] || missing
            touch "$dir/deleting"
            echo "{\"cluster\": {\"clusterName\": \"$name\", \"clusterStatus\": \"DELETE_IN_PROGRESS\", \"region\": \"us-east-1\", \"version\": \"3.12.0\"}}" ;;
          list-clusters)
            if [ -f "$dir/exists" ]; then echo "{\"clusters\": [{\"clusterName\": \"$(cat "$dir/name" 2>/dev/null || echo demo)\", \"clusterStatus\": \"CREATE_COMPLETE\", \"region\": \"us-east-1\", \"version\": \"3.12.0\"}]}"
            else echo '{"clusters": []}'; fi ;;
          update-cluster)
            [ -f "$dir/exists" ] || missing
            if [ -f "$dir/current.yaml" ]; then
              "$(cat "$dir/python")" "$dir/policy.py" "$dir/current.yaml" "$config" "$fleet" || exit 1
            elif [ "$fleet" != STOPPED ]; then
              echo "{\"message\": \"Update failure\", \"updateValidationErrors\": [{\"parameter\": \"Scheduling.SlurmQueues\", \"message\": \"All compute nodes must be stopped. Stop the compute fleet with the pcluster update-compute-fleet command\"}]}"
              exit 1
            fi
            k=1; while [ -f "$dir/updated-$k.yaml" ]; do k=$((k + 1)); done
            cp "$config" "$dir/updated-$k.yaml"
            # ParallelCluster rolls a failed update back: only a completed one changes the cluster's config.
            [ "$(cat "$dir/update-outcome" 2>/dev/null || echo UPDATE_COMPLETE)" = UPDATE_COMPLETE ] && [ -f "$dir/current.yaml" ] && cp "$config" "$dir/current.yaml"
            echo 0 > "$dir/updating"
            echo "{\"cluster\": {\"clusterName\": \"$name\", \"clusterStatus\": \"UPDATE_IN_PROGRESS\", \"cloudformationStackStatus\": \"UPDATE_IN_PROGRESS\", \"region\": \"us-east-1\", \"version\": \"3.12.0\"}, \"changeSet\": [{\"parameter\": \"Scheduling.SlurmQueues\"}]}" ;;
          update-compute-fleet)
            [ -f "$dir/exists" ] || missing
            echo "$fleet_request" > "$dir/fleet"
            echo "{\"status\": \"$fleet_request\", \"lastStatusUpdatedTime\": \"$(now)\"}" ;;
          describe-compute-fleet)
            [ -f "$dir/exists" ] || missing
            case "$fleet" in STOP_REQUESTED) next=STOPPING ;; STOPPING) next=STOPPED ;; START_REQUESTED) next=STARTING ;; STARTING) next=RUNNING ;; *) next="$fleet" ;; esac
            echo "$next" > "$dir/fleet"
            echo "{\"status\": \"$fleet\", \"lastStatusUpdatedTime\": \"$(now)\"}" ;;
          *) echo "{\"message\": \"unknown command $1\"}"; exit 1 ;;
        esac

        """;
}
