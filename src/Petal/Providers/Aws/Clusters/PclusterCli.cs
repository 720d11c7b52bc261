using System.Text.Json;
using System.Text.Json.Nodes;
using CliWrap;
using CliWrap.Buffered;

namespace Petal.Providers.Aws.Clusters;

/// <summary>
/// The AWS ParallelCluster 3 CLI (<c>pcluster</c>), run through CliWrap with JSON output.
/// <c>PETAL_PCLUSTER</c> names the executable; otherwise <c>pcluster</c> is looked up on PATH.
/// </summary>
public sealed class PclusterCli(string executable)
{
    public const string EnvironmentVariable = "PETAL_PCLUSTER";
    public const string PinnedVersion = "3.12.0";

    public static string InstallHint =>
        $"pcluster (the AWS ParallelCluster CLI) was not found: install it with 'python3 -m pip install aws-parallelcluster=={PinnedVersion}' "
        + "(it also needs Node.js 18 or newer for the AWS CDK, e.g. 'sudo apt-get install nodejs'), "
        + $"or set {EnvironmentVariable} to its path; nothing was created";

    public string Executable => executable;

    /// <summary>Finds pcluster, or throws with exactly how to install it.</summary>
    public static PclusterCli Locate(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment(EnvironmentVariable) is { Length: > 0 } explicitPath)
            return File.Exists(explicitPath)
                ? new PclusterCli(explicitPath)
                : throw new AwsFailureException($"{EnvironmentVariable}={explicitPath} does not exist. " + InstallHint);
        foreach (var dir in (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "pcluster");
            if (File.Exists(candidate)) return new PclusterCli(candidate);
        }
        throw new AwsFailureException(InstallHint);
    }

    public async Task<string> VersionAsync(CancellationToken cancellation) =>
        (await RunAsync(["version"], cancellation))["version"]?.GetValue<string>()
        ?? throw new AwsFailureException($"'{executable} version' printed no version");

    public Task<JsonObject> CreateClusterAsync(string name, string configPath, string region, CancellationToken cancellation) =>
        RunAsync(["create-cluster", "--cluster-name", name, "--cluster-configuration", configPath, "--region", region], cancellation);

    /// <summary>The cluster's description, or null when pcluster says it does not exist.</summary>
    public async Task<PclusterDescription?> DescribeClusterAsync(string name, string region, CancellationToken cancellation)
    {
        var result = await Cli.Wrap(executable)
            .WithArguments(["describe-cluster", "--cluster-name", name, "--region", region])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellation);
        var json = Parse(result.StandardOutput);
        if (result.ExitCode != 0)
        {
            var message = json?["message"]?.GetValue<string>() ?? result.StandardError.Trim();
            if (message.Contains("does not exist", StringComparison.OrdinalIgnoreCase)) return null;
            throw new AwsFailureException($"pcluster describe-cluster failed: {message}");
        }
        return PclusterDescription.From(json ?? throw new AwsFailureException("pcluster describe-cluster printed no JSON"));
    }

    public Task<JsonObject> DeleteClusterAsync(string name, string region, CancellationToken cancellation) =>
        RunAsync(["delete-cluster", "--cluster-name", name, "--region", region], cancellation);

    /// <summary>Starts an update to <paramref name="configPath"/>; pcluster refuses what the cluster's state does not allow (with the reasons).</summary>
    public Task<JsonObject> UpdateClusterAsync(string name, string configPath, string region, CancellationToken cancellation) =>
        RunAsync(["update-cluster", "--cluster-name", name, "--cluster-configuration", configPath, "--region", region], cancellation);

    /// <summary>Requests a compute fleet status: STOP_REQUESTED or START_REQUESTED (Slurm clusters).</summary>
    public Task<JsonObject> UpdateComputeFleetAsync(string name, string status, string region, CancellationToken cancellation) =>
        RunAsync(["update-compute-fleet", "--cluster-name", name, "--status", status, "--region", region], cancellation);

    /// <summary>The compute fleet's status: RUNNING, STOP_REQUESTED, STOPPING, STOPPED, START_REQUESTED, STARTING...</summary>
    public async Task<string?> DescribeComputeFleetAsync(string name, string region, CancellationToken cancellation) =>
        (await RunAsync(["describe-compute-fleet", "--cluster-name", name, "--region", region], cancellation))["status"]?.GetValue<string>();

    public async Task<IReadOnlyList<PclusterDescription>> ListClustersAsync(string region, CancellationToken cancellation)
    {
        var json = await RunAsync(["list-clusters", "--region", region], cancellation);
        return json["clusters"]?.AsArray().OfType<JsonObject>().Select(PclusterDescription.From).ToList() ?? [];
    }

    private async Task<JsonObject> RunAsync(string[] arguments, CancellationToken cancellation)
    {
        BufferedCommandResult result;
        try
        {
            result = await Cli.Wrap(executable).WithArguments(arguments)
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellation);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new AwsFailureException(InstallHint);
        }
        var json = Parse(result.StandardOutput);
        if (result.ExitCode != 0)
            throw new AwsFailureException($"pcluster {arguments[0]} failed: "
                + (json?["message"]?.GetValue<string>() ?? FirstLine(result.StandardError) ?? $"exit code {result.ExitCode}") + Reasons(json));
        return json ?? throw new AwsFailureException($"pcluster {arguments[0]} printed no JSON: {FirstLine(result.StandardOutput)}");
    }

    /// <summary>The validation errors pcluster lists beside its message (update and create refusals), as "; reason" parts.</summary>
    private static string Reasons(JsonObject? json) =>
        string.Concat(new[] { "updateValidationErrors", "configurationValidationErrors" }
            .SelectMany(key => json?[key]?.AsArray().OfType<JsonObject>() ?? [])
            .Select(e => $"; {(e["parameter"]?.GetValue<string>() is { } p ? p + ": " : "")}{e["message"]?.GetValue<string>()}"));

    private static JsonObject? Parse(string text)
    {
        var start = text.IndexOf('{');
        if (start < 0) return null;
        try { return JsonNode.Parse(text[start..]) as JsonObject; }
        catch (JsonException) { return null; }
    }

    private static string? FirstLine(string text) => text.Trim() is { Length: > 0 } t ? t.Split('\n')[0] : null;
}
