using System.CommandLine;
using System.Diagnostics;
using Petal.Catalog;
using Petal.Common;
using Petal.Plans;
using Petal.Providers.Aws;
using Petal.Providers.Aws.Images;
using Petal.Seeds;
using Spectre.Console;

namespace Petal.Cli.Commands;

/// <summary>`petal ami build SEED`: the seed's software image (or snapshot), reused by fingerprint unless --force.</summary>
public static class AmiBuildCommand
{
    private static readonly Argument<string> SeedArgument = new("SEED") { Description = "Seed file (YAML)" };
    private static readonly Option<string?> NameOption = new("--name") { Description = "Name of the image (default: the seed's cluster.name)" };
    private static readonly Option<string> InstanceTypeOption = new("--instance-type")
    {
        Description = "Instance type of the build instance", DefaultValueFactory = _ => SeedImageBuild.DefaultInstanceType,
    };
    private static readonly Option<bool> DetachOption = new("--detach") { Description = "Return at once with a build id; follow it with 'petal ami status ID --watch'" };
    private static readonly Option<bool> ForceOption = new("--force") { Description = "Build even when an image with the seed's fingerprint exists" };
    private static readonly Option<string?> BuildIdOption = new("--build-id") { Description = "Drive the recorded build ID (what --detach runs in the background)", Hidden = true };

    public static Command Create()
    {
        var command = new Command("build", "Build the seed's software image (AMI, or EBS snapshot for layout snapshot) once; reused by fingerprint")
        {
            SeedArgument, NameOption, InstanceTypeOption, DetachOption, ForceOption, BuildIdOption,
        };
        AwsOptions.AddTo(command);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellation)
    {
        var json = CliOutput.IsJson(parse);
        var seedPath = parse.GetValue(SeedArgument)!;
        var loaded = SeedLoader.Load(seedPath, EmbeddedCatalog.Default);
        if (!loaded.Ok) throw PetalException.Invalid(loaded.Diagnostics);
        var plan = Planner.Create(loaded.Seed!, EmbeddedCatalog.Default, PlanOptions.Default);

        // Checked before any AWS call: a bad instance type or a shared layout creates nothing.
        var request = SeedImageBuild.Request(loaded.Seed!, plan, EmbeddedCatalog.Default, parse.GetValue(InstanceTypeOption)!,
            parse.GetValue(ForceOption), bucket: null);
        if (parse.GetValue(NameOption) is { } name) request = request with { Name = name };

        using var aws = AwsOptions.Clients(parse, loaded.Seed!.Cluster.Region);
        var store = new BuildStateStore();
        if (parse.GetValue(DetachOption) && parse.GetValue(BuildIdOption) is null)
            return Detach(parse, store, request, aws.Region, Path.GetFullPath(seedPath));

        request = request with { BucketName = await SeedImageBuild.BucketAsync(aws, cancellation) };

        var started = Stopwatch.StartNew();
        var view = new BuildProgressView(json);
        var builder = new ImageBuilder(aws, new InstanceProgressSource(aws.Ec2), store, AwsTimings.Build(), view);
        var build = builder.BuildAsync(request, parse.GetValue(BuildIdOption), cancellation);
        // Ctrl-C: System.CommandLine returns 2 s after the signal; the process must stay until cleanup is done.
        using var guard = new ExitGuard(build);
        var state = await view.ShowAsync(build);
        var result = new
        {
            BuildId = state.Id, state.Status, state.ImageId, state.SnapshotId, state.Fingerprint,
            Reused = state.Status == BuildStatus.Reused, DurationSeconds = Math.Round(started.Elapsed.TotalSeconds, 1),
        };
        if (json) CliOutput.WriteJson(result);
        else CliOutput.Console.WriteLine(state.Status == BuildStatus.Reused
            ? $"reused {state.Artifact} (fingerprint {state.Fingerprint[..Math.Min(12, state.Fingerprint.Length)]} already built)"
            : $"built {state.Artifact} in {started.Elapsed:hh\\:mm\\:ss} (build {state.Id})");
        return ExitCodes.Ok;
    }

    private static int Detach(ParseResult parse, BuildStateStore store, ImageBuildRequest request, string region, string seedPath)
    {
        var state = new BuildState
        {
            Id = BuildState.NewId(), Name = request.Name, Fingerprint = request.Fingerprint, Region = region, Target = request.Target,
            Message = "starting the background build",
        };
        store.Save(state);
        List<string> args = ["ami", "build", seedPath, "--build-id", state.Id, "--instance-type", request.InstanceType, "--name", request.Name, "--region", region];
        if (request.Force) args.Add("--force");
        if (parse.GetValue(AwsOptions.Profile) is { } profile) args.AddRange(["--profile", profile]);
        var log = store.LogPath(state.Id);
        var pid = SelfProcess.StartDetached(args, log);
        store.Save(state with { Pid = pid });
        if (CliOutput.IsJson(parse)) CliOutput.WriteJson(new { BuildId = state.Id, Pid = pid, Log = log });
        else CliOutput.Console.WriteLine($"build {state.Id} started in the background (pid {pid}, log {log}); follow it with 'petal ami status {state.Id} --watch'");
        return ExitCodes.Ok;
    }

    /// <summary>Holds process exit (ProcessExit handlers run before the runtime stops) until the build has cleaned up.</summary>
    private sealed class ExitGuard : IDisposable
    {
        private readonly Task _work;

        public ExitGuard(Task work)
        {
            _work = work;
            AppDomain.CurrentDomain.ProcessExit += Wait;
        }

        private void Wait(object? sender, EventArgs e)
        {
            try { _work.Wait(TimeSpan.FromHours(2)); }
            catch (AggregateException) { } // the build's own error was already reported
        }

        public void Dispose() => AppDomain.CurrentDomain.ProcessExit -= Wait;
    }
}
