using System.CommandLine;
using Petal.Common;
using Petal.Providers.Aws;
using Petal.Providers.Aws.Images;
using Spectre.Console;

namespace Petal.Cli.Commands;

/// <summary>`petal ami build|status|list|delete`: software image builds (state dir) and the images petal made (AWS).</summary>
public static class AmiCommands
{
    public static IEnumerable<Command> Create()
    {
        var ami = new Command("ami", "Software images (AMIs and EBS snapshots) built from seeds");
        ami.Subcommands.Add(AmiBuildCommand.Create());
        ami.Subcommands.Add(Status());
        ami.Subcommands.Add(List());
        ami.Subcommands.Add(Delete());
        return [ami];
    }

    private static Command Status()
    {
        var id = new Argument<string>("ID") { Description = "Build id (from 'petal ami list')" };
        var watch = new Option<bool>("--watch") { Description = "Follow the build until it finishes" };
        var command = new Command("status", "Show a build's progress") { id, watch };
        command.SetAction(async (parse, ct) =>
        {
            var store = new BuildStateStore();
            var state = store.Load(parse.GetValue(id)!) ?? throw new UserInputException($"no build '{parse.GetValue(id)}' (see 'petal ami list')");
            var interval = AwsTimings.PollOverride() ?? TimeSpan.FromSeconds(5);
            string? last = null;
            while (parse.GetValue(watch) && !state.Finished)
            {
                var line = $"{state.Percent,3}% {state.Message}";
                if (!CliOutput.IsJson(parse) && line != last) CliOutput.Console.MarkupLineInterpolated($"{line}");
                last = line;
                if (state.Pid is { } pid && !Running(pid))
                {
                    // The process may have saved its final state just before it exited.
                    state = store.Load(state.Id)!;
                    if (state.Finished) break;
                    throw new AwsFailureException($"build {state.Id} stopped without finishing (its process {pid} is gone): see {store.LogPath(state.Id)}");
                }
                await Task.Delay(interval, ct);
                state = store.Load(state.Id)!;
            }
            if (CliOutput.IsJson(parse)) CliOutput.WriteJson(state);
            else Render(state);
            return state.Status is BuildStatus.Failed or BuildStatus.Cancelled ? ExitCodes.Failure : ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List builds recorded here and the images and snapshots petal built in the region");
        AwsOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var builds = new BuildStateStore().List();
            using var aws = AwsOptions.Clients(parse);
            var lookup = new ArtifactLookup(aws.Ec2);
            var images = await lookup.ListImagesAsync(ct);
            var snapshots = await lookup.ListSnapshotsAsync(ct);
            string Tag(List<Amazon.EC2.Model.Tag>? tags, string key) => tags?.FirstOrDefault(t => t.Key == key)?.Value ?? "";
            var artifacts = images.Select(i => new { Id = i.ImageId, Kind = "image", Fingerprint = Tag(i.Tags, PetalTags.Fingerprint), State = i.State?.Value ?? "", Name = i.Name ?? "" })
                .Concat(snapshots.Select(s => new { Id = s.SnapshotId, Kind = "snapshot", Fingerprint = Tag(s.Tags, PetalTags.Fingerprint), State = s.State?.Value ?? "", Name = s.Description ?? "" }))
                .ToList();
            if (CliOutput.IsJson(parse))
            {
                CliOutput.WriteJson(new { Builds = builds, Artifacts = artifacts });
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("build", "name", "status", "progress", "artifact", "started");
            foreach (var b in builds)
                table.AddRow(Markup.Escape(b.Id), Markup.Escape(b.Name), b.Status.ToString().ToLowerInvariant(), $"{b.Percent}%",
                    Markup.Escape(b.Artifact ?? ""), b.StartedAt.ToString("u"));
            CliOutput.Console.Write(table);
            var found = new Table().AddColumns("id", "kind", "fingerprint", "state", "name");
            foreach (var a in artifacts) found.AddRow(Markup.Escape(a.Id), a.Kind, Markup.Escape(a.Fingerprint), a.State, Markup.Escape(a.Name));
            CliOutput.Console.Write(found);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete()
    {
        var id = new Argument<string?>("ID") { Description = "Image (ami-...) or software snapshot (snap-...) id", Arity = ArgumentArity.ZeroOrOne };
        var fingerprint = new Option<string?>("--fingerprint") { Description = "Delete every image and snapshot petal built for this fingerprint" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking (required without a terminal)" };
        var command = new Command("delete", "Deregister a software image petal built and delete its snapshots (or delete a software snapshot); "
            + "refused while a cluster petal knows uses it") { id, fingerprint, yes };
        AwsOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            using var aws = AwsOptions.Clients(parse);
            var removal = new ArtifactRemoval(aws.Ec2, new Petal.Providers.Aws.Clusters.AwsClusterStore());
            try
            {
                var artifacts = await removal.FindAsync(parse.GetValue(id), parse.GetValue(fingerprint), ct);
                if (removal.Users(artifacts) is { Count: > 0 } users)
                    throw new UserInputException($"{string.Join(", ", artifacts.Ids)} still in use by {string.Join("; ", users)}: "
                        + "delete or update those clusters first; nothing was deleted");
                if (!Confirmation.Confirm(parse.GetValue(yes), $"deregister and delete {string.Join(", ", artifacts.Ids)}?")) return ExitCodes.Failure;
                var removed = await removal.DeleteAsync(artifacts, new SyncProgress(line => Console.Error.WriteLine($"ami delete: {line}")), ct);
                if (CliOutput.IsJson(parse)) CliOutput.WriteJson(new { Deleted = removed });
                else CliOutput.Console.WriteLine($"deleted {string.Join(", ", removed)}");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (AwsErrorTranslator.IsAws(e))
            {
                throw AwsErrorTranslator.Wrap(e);
            }
        });
        return command;
    }

    private static bool Running(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
    }

    private static void Render(BuildState state)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string k, string? v) { if (v is not null) grid.AddRow(k, Markup.Escape(v)); }
        Row("build", state.Id);
        Row("name", state.Name);
        Row("status", state.Status.ToString().ToLowerInvariant());
        Row("progress", $"{state.Percent}% {state.Message}");
        Row("fingerprint", state.Fingerprint);
        Row("region", state.Region);
        Row("artifact", state.Artifact);
        Row("error", state.Error);
        CliOutput.Console.Write(grid);
    }
}
