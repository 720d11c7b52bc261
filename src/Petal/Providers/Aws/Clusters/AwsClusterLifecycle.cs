using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using Petal.Common;

namespace Petal.Providers.Aws.Clusters;

/// <summary>
/// create / status / list / delete of ParallelCluster clusters: petal's bucket and network around
/// <c>pcluster</c>. A create that fails or is cancelled removes what it made before rethrowing.
/// </summary>
public sealed class AwsClusterLifecycle(
    AwsClients aws, Func<PclusterCli> locatePcluster, AwsClusterStore store, ClusterLifecycleOptions options)
{
    public async Task<AwsClusterState> CreateAsync(AwsClusterRequest request, IProgress<string>? progress, CancellationToken cancellation)
    {
        // Before anything exists on AWS: a missing pcluster must leave nothing to clean up.
        var pcluster = locatePcluster();
        var version = await pcluster.VersionAsync(cancellation);
        progress?.Report($"pcluster {version} at {pcluster.Executable}");
        if (version != request.ParallelClusterVersion)
            progress?.Report($"warning: the plan was rendered for ParallelCluster {request.ParallelClusterVersion}, pcluster is {version}");
        // Held until the create ends: a second create of the name is refused (naming this one) instead of both passing the check.
        using var createLock = store.Lock(request.Name, "create");
        if (store.Load(request.Name) is not null)
            throw new UserInputException($"an AWS cluster named '{request.Name}' already exists: 'petal delete {request.Name}' first or pass --name");
        if (request.SubnetId is null && request.SshCidr is null)
            throw new UserInputException("petal creates a network but does not know your address for SSH: pass --ssh-cidr (e.g. 203.0.113.7/32)");

        var account = (await aws.Sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellation)).Account;
        var state = new AwsClusterState
        {
            Name = request.Name, Region = aws.Region, Os = request.Os, Fingerprint = request.Fingerprint, KeyName = request.KeyName,
            SeedFile = request.SeedFile, PlanOptions = request.PlanOptions,
            SubnetId = request.SubnetId, CreatedNetwork = request.SubnetId is null,
            Bucket = PetalBucket.NameFor(account, aws.Region), ScriptPrefix = request.ScriptPrefix ?? $"clusters/{request.Name}/",
            ConfigPath = store.ConfigPath(request.Name),
        };
        store.Save(state);
        var pclusterStarted = false;
        try
        {
            var groups = new List<string>();
            if (state.CreatedNetwork)
            {
                progress?.Report("creating the network (VPC, public subnet, internet gateway, SSH security group)");
                var network = await new ClusterNetwork(aws.Ec2).CreateAsync(request.Name, request.SshCidr!, cancellation, request.Tags);
                state = state with { SubnetId = network.SubnetId };
                groups.Add(network.SecurityGroupId);
                store.Save(state);
            }

            progress?.Report($"uploading {request.Files.Count} bootstrap file(s) to s3://{state.Bucket}/{state.ScriptPrefix}");
            await new PetalBucket(aws.S3).EnsureAsync(state.Bucket!, cancellation);
            await UploadAsync(state, request.Files, cancellation);

            var config = request.RenderConfig(new ClusterInputs(aws.Region, state.SubnetId!, state.Bucket!, state.ScriptPrefix!,
                request.KeyName, request.ImageId, request.SnapshotId, groups));
            await File.WriteAllTextAsync(state.ConfigPath!, config, cancellation);

            progress?.Report("pcluster create-cluster");
            pclusterStarted = true;
            await pcluster.CreateClusterAsync(request.Name, state.ConfigPath!, aws.Region, cancellation);
            var final = await FollowAsync(pcluster, request.Name, d => !d.Status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal),
                options.CreateTimeout, progress, cancellation);
            if (final is null || !final.Complete)
                throw new AwsFailureException($"cluster {request.Name} creation failed ({final?.Status ?? "vanished"}): "
                    + (final?.Failures is { Count: > 0 } f ? string.Join("; ", f) : "no reason given; see 'pcluster get-cluster-stack-events'"));
            state = state with { Status = final.Status };
            store.Save(state);
            return state;
        }
        catch (Exception e)
        {
            progress?.Report("creation did not finish: removing what petal created");
            using var cleanupTime = new CancellationTokenSource(options.DeleteTimeout);
            var problems = await RemoveAsync(pcluster, state, pclusterStarted, progress, cleanupTime.Token);
            if (problems.Count == 0) store.Remove(request.Name);
            if (e is OperationCanceledException && cancellation.IsCancellationRequested) throw;
            var reason = AwsErrorTranslator.Translate(e);
            throw new AwsFailureException(problems.Count == 0 ? reason : $"{reason} (cleanup incomplete)", e,
                leftBehind: problems, cleanup: problems.Count == 0 ? null : $"petal delete {request.Name}");
        }
    }

    /// <summary>petal's record merged with pcluster's view, or null when neither knows the name.</summary>
    public async Task<(AwsClusterState? State, PclusterDescription? Live)> StatusAsync(string name, CancellationToken cancellation)
    {
        var state = store.Load(name);
        var live = await locatePcluster().DescribeClusterAsync(name, state?.Region ?? aws.Region, cancellation);
        return (state, live);
    }

    /// <summary>Clusters pcluster lists in the region, plus petal-recorded ones it no longer lists.</summary>
    public async Task<IReadOnlyList<(string Name, string Status, bool Petal)>> ListAsync(CancellationToken cancellation)
    {
        var recorded = store.List().ToDictionary(s => s.Name);
        var live = await locatePcluster().ListClustersAsync(aws.Region, cancellation);
        return live.Select(d => (d.Name, d.Status, recorded.ContainsKey(d.Name)))
            .Concat(recorded.Values.Where(s => live.All(d => d.Name != s.Name)).Select(s => (s.Name, "NOT_FOUND_IN_PCLUSTER", true)))
            .OrderBy(r => r.Item1, StringComparer.Ordinal).ToList();
    }

    public async Task<bool> DeleteAsync(string name, IProgress<string>? progress, CancellationToken cancellation)
    {
        var pcluster = locatePcluster();
        using var deleteLock = store.Lock(name, "delete");
        var state = store.Load(name);
        var live = await pcluster.DescribeClusterAsync(name, state?.Region ?? aws.Region, cancellation);
        if (state is null && live is null) return false;
        state ??= new AwsClusterState { Name = name, Region = aws.Region, Os = "alinux2023" };
        var problems = await RemoveAsync(pcluster, state, live is not null, progress, cancellation);
        if (problems.Count > 0)
            throw new AwsFailureException($"cluster {name} partly deleted: {string.Join("; ", problems)} (run 'petal delete {name}' again)");
        store.Remove(name);
        return true;
    }

    /// <summary>
    /// Applies <paramref name="config"/> to a running cluster: stops the compute fleet when <paramref name="stopFleet"/>
    /// (ParallelCluster changes a queue's compute resources and instance types only while it is stopped), `pcluster
    /// update-cluster`, follows it to UPDATE_COMPLETE (else fails with pcluster's reasons), uploads
    /// <paramref name="files"/> (bootstrap scripts the new config's nodes run), saves the config as the cluster's, and
    /// starts the fleet it stopped — also after a failed update, so the cluster keeps working on its old config.
    /// </summary>
    public async Task<AwsClusterState> UpdateAsync(AwsClusterState state, string config, IProgress<string>? progress, CancellationToken cancellation,
        bool stopFleet = true, IReadOnlyDictionary<string, string>? files = null)
    {
        var pcluster = locatePcluster();
        using var updateLock = store.Lock(state.Name, "update");
        var configPath = state.ConfigPath ?? store.ConfigPath(state.Name);
        var pending = Path.ChangeExtension(configPath, ".pending.yaml");
        var stopRequested = false;
        try
        {
            await File.WriteAllTextAsync(pending, config, cancellation);
            if (stopFleet && await pcluster.DescribeComputeFleetAsync(state.Name, state.Region, cancellation) != "STOPPED")
            {
                progress?.Report("stopping the compute fleet (ParallelCluster changes a queue's instance types only while it is stopped)");
                stopRequested = true;
                await pcluster.UpdateComputeFleetAsync(state.Name, "STOP_REQUESTED", state.Region, cancellation);
                await WaitForFleetAsync(pcluster, state, "STOPPED", cancellation);
            }
            progress?.Report("pcluster update-cluster");
            await pcluster.UpdateClusterAsync(state.Name, pending, state.Region, cancellation);
            var final = await FollowAsync(pcluster, state.Name, d => d.Status != "UPDATE_IN_PROGRESS", options.UpdateTimeout, progress, cancellation);
            if (final?.Status != "UPDATE_COMPLETE")
                throw new AwsFailureException($"cluster {state.Name} update failed ({final?.Status ?? "vanished"}): "
                    + (final?.Failures is { Count: > 0 } f ? string.Join("; ", f) : "no reason given; see 'pcluster get-cluster-stack-events'"));
            if (files is { Count: > 0 })
            {
                progress?.Report($"uploading {files.Count} bootstrap file(s) to s3://{state.Bucket}/{state.ScriptPrefix}");
                await UploadAsync(state, files, cancellation);
            }
            File.Move(pending, configPath, overwrite: true);
            state = state with { Status = final.Status, ConfigPath = configPath };
            store.Save(state);
        }
        catch (Exception e) when (stopRequested)
        {
            var restart = await StartFleetAsync(pcluster, state, progress);
            if (restart is null && e is OperationCanceledException) throw;
            throw new AwsFailureException(AwsErrorTranslator.Translate(e) + (restart is null ? "" : $" (and {restart})"), e);
        }
        finally
        {
            File.Delete(pending);
        }
        // Started even when it was stopped before: the caller updates the cluster to run jobs on it.
        if (stopFleet && await StartFleetAsync(pcluster, state, progress) is { } problem)
            throw new AwsFailureException($"cluster {state.Name} was updated but {problem}");
        return state;
    }

    private async Task UploadAsync(AwsClusterState state, IReadOnlyDictionary<string, string> files, CancellationToken cancellation)
    {
        foreach (var (path, content) in files)
            await aws.S3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = state.Bucket, Key = state.ScriptPrefix + path, ContentBody = content,
                ServerSideEncryptionMethod = Amazon.S3.ServerSideEncryptionMethod.AES256,
            }, cancellation);
    }

    /// <summary>START_REQUESTED and wait for RUNNING, with its own time (it also runs after Ctrl-C); the problem, or null.</summary>
    private async Task<string?> StartFleetAsync(PclusterCli pcluster, AwsClusterState state, IProgress<string>? progress)
    {
        using var time = new CancellationTokenSource(options.UpdateTimeout);
        try
        {
            progress?.Report("starting the compute fleet");
            await pcluster.UpdateComputeFleetAsync(state.Name, "START_REQUESTED", state.Region, time.Token);
            await WaitForFleetAsync(pcluster, state, "RUNNING", time.Token);
            return null;
        }
        catch (Exception e)
        {
            return $"the compute fleet did not start again ({AwsErrorTranslator.Translate(e)}): run 'pcluster update-compute-fleet --cluster-name {state.Name} "
                + $"--status START_REQUESTED --region {state.Region}'";
        }
    }

    private Task<string> WaitForFleetAsync(PclusterCli pcluster, AwsClusterState state, string wanted, CancellationToken cancellation) =>
        StateWaiter.WaitAsync($"the compute fleet of {state.Name}", ct => pcluster.DescribeComputeFleetAsync(state.Name, state.Region, ct),
            [wanted], ["UNKNOWN"], options.UpdateTimeout, options.PollInterval, cancellation);

    private async Task<IReadOnlyList<string>> RemoveAsync(PclusterCli pcluster, AwsClusterState state, bool deleteCluster,
        IProgress<string>? progress, CancellationToken cancellation)
    {
        var problems = new List<string>();
        if (deleteCluster)
        {
            try
            {
                if (await pcluster.DescribeClusterAsync(state.Name, state.Region, cancellation) is not null)
                {
                    progress?.Report("pcluster delete-cluster");
                    await pcluster.DeleteClusterAsync(state.Name, state.Region, cancellation);
                    var last = await FollowAsync(pcluster, state.Name, d => d.Status != "DELETE_IN_PROGRESS", options.DeleteTimeout, progress, cancellation);
                    if (last is not null) problems.Add($"cluster still exists ({last.Status}): {string.Join("; ", last.Failures)}");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException) { problems.Add(AwsErrorTranslator.Translate(e)); }
        }
        // The network can only go once the cluster's instances and interfaces are gone.
        if (problems.Count == 0 && state.CreatedNetwork)
        {
            progress?.Report("removing the network petal created");
            problems.AddRange(await new ClusterNetwork(aws.Ec2).DeleteAsync(state.Name, cancellation));
        }
        if (state.Bucket is not null && state.ScriptPrefix is not null)
        {
            try { await DeletePrefixAsync(state.Bucket, state.ScriptPrefix, cancellation); }
            catch (Exception e) when (e is not OperationCanceledException) { problems.Add(AwsErrorTranslator.Translate(e)); }
        }
        if (state.ConfigPath is not null) File.Delete(state.ConfigPath);
        return problems;
    }

    private async Task DeletePrefixAsync(string bucket, string prefix, CancellationToken cancellation)
    {
        ListObjectsV2Response page;
        try
        {
            page = await aws.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix }, cancellation);
        }
        catch (Amazon.S3.AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket") { return; }
        foreach (var o in page.S3Objects ?? [])
            await aws.S3.DeleteObjectAsync(bucket, o.Key, cancellation);
    }

    /// <summary>Polls describe-cluster until <paramref name="done"/>; null when the cluster no longer exists.</summary>
    private async Task<PclusterDescription?> FollowAsync(PclusterCli pcluster, string name, Func<PclusterDescription, bool> done,
        TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? last = null;
        while (true)
        {
            var d = await pcluster.DescribeClusterAsync(name, aws.Region, cancellation);
            if (d is null || done(d)) return d;
            if (d.Status != last) progress?.Report($"{name}: {d.Status}");
            last = d.Status;
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"cluster {name} still {d.Status} after {timeout}");
            await Task.Delay(options.PollInterval, cancellation);
        }
    }
}
