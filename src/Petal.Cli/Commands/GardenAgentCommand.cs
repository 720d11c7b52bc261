using System.CommandLine;
using Spectre.Console;
using Petal.Common;
using Petal.Garden.Service.Agent;
using Petal.Garden.Service.Client;

namespace Petal.Cli.Commands;

/// <summary>`petal garden agent`: pulls a cluster's jobs, runs them with sbatch, reports their state back.</summary>
internal static class GardenAgentCommand
{
    public static Command Create()
    {
        var cluster = new Option<string>("--cluster") { Description = "The cluster this agent runs jobs for", Required = true };
        var once = new Option<bool>("--once") { Description = "One pass (follow accepted jobs, receive and submit new ones), then exit" };
        var interval = new Option<double>("--interval") { Description = "Seconds between passes", DefaultValueFactory = _ => 5 };
        var max = new Option<int>("--max-jobs") { Description = "At most this many new jobs per pass (0 = all)", DefaultValueFactory = _ => 0 };
        var slurmConf = new Option<string?>("--slurm-conf")
        {
            Description = "slurm.conf of a cluster petal did not create, used from this host (default: the cluster petal created of that name, "
                + "through its head node; else SLURM_CONF or Slurm's own default)",
        };
        var workdir = new Option<string?>("--workdir")
        {
            Description = "Directory for job output, as compute nodes see it (default: garden-agent/<cluster> under the cluster's shared work "
                + "directory, /shared on a twin and the login user's home on AWS; <state dir>/garden/agent/<cluster> on this host's Slurm)",
        };
        var ssh = new SshOptions("SSH to this address instead of the head node petal recorded (AWS clusters; a twin is reached directly)");
        var secretFile = new Option<string?>("--secret-file") { Description = "Cluster secret file (else PETAL_GARDEN_CLUSTER_SECRET, else the client config)" };
        var host = GardenClientOptions.Host();
        var config = GardenClientOptions.Config();
        var command = new Command("agent", "Run a cluster's garden jobs with Slurm and report their state")
            { cluster, once, interval, max, slurmConf, workdir, secretFile, host, config, AwsOptions.Profile };
        ssh.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var name = parse.GetValue(cluster)!;
            if (parse.GetValue(interval) is < 0.1 or > 3600)
                throw new UserInputException("--interval: give seconds between 0.1 and 3600");
            var settings = GardenClientConfig.Load(GardenClientOptions.ConfigPath(parse, config));
            var secret = GardenClientOptions.ClusterSecret(name, parse.GetValue(secretFile), settings);
            await using var target = await AgentTarget.OpenAsync(name, parse.GetValue(slurmConf), parse.GetValue(workdir),
                ClusterCommands.Registry(parse), ssh.Request(parse), cancellation);
            var runner = new SlurmJobRunner(target.Slurm, target.Directory);
            return await GardenClientOptions.CallAsync(GardenClientOptions.HostOf(parse, host, settings), async client =>
            {
                var agent = new GardenAgent(client, name, secret, runner, parse.GetValue(max));
                if (parse.GetValue(once))
                    Render(parse, name, await agent.RunOnceAsync(cancellation));
                else
                    await agent.RunAsync(TimeSpan.FromSeconds(parse.GetValue(interval)), pass => Render(parse, name, pass), cancellation);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static void Render(ParseResult parse, string cluster, AgentPass pass)
    {
        if (CliOutput.IsJson(parse))
            CliOutput.WriteJson(new { cluster, started = pass.Started, finished = pass.Finished, failed = pass.Failed });
        else if (pass.Started.Count + pass.Finished.Count + pass.Failed.Count > 0)
            CliOutput.Console.WriteLine($"{cluster}: started [{string.Join(", ", pass.Started)}], finished [{string.Join(", ", pass.Finished)}], "
                + $"failed [{string.Join(", ", pass.Failed)}]");
    }
}
