using System.Text.Json;
using Petal.Providers.Aws;
using Petal.Tests.Support;
using Petal.Tests.Verify;

namespace Petal.Tests.Aws;

/// <summary>
/// A test of petal on AWS as users run it: the class's moto_server, the pcluster STAND-IN
/// (<see cref="PclusterStandIn"/>), a scratch HOME (the key petal finds for a recorded key pair is the test's own;
/// nothing of this machine's user reaches petal) and <see cref="Petal"/>, the real petal process with all of them.
/// </summary>
public abstract class AwsCliTest(MotoServer moto) : MotoTest(moto)
{
    /// <summary>The seed of the clusters whose "head node" is a twin behind a real sshd (<see cref="CreateBehindSshdAsync"/>).</summary>
    protected static readonly string OneQueueSeed = Path.Combine(RepoPaths.Seeds, "examples", "local-one-queue.yaml");

    protected PclusterStandIn Pcluster { get; } = new();
    protected TempDirectory Home { get; } = new();

    public override void Dispose()
    {
        Pcluster.Dispose();
        Home.Dispose();
        base.Dispose();
    }

    /// <summary>moto's client variables, the state directory, HOME, fast AWS polls and (unless not wanted) the pcluster stand-in.</summary>
    protected Dictionary<string, string> PetalEnvironment(bool withPcluster = true)
    {
        var env = new Dictionary<string, string>(Moto.ClientEnvironment)
        {
            ["PETAL_STATE_DIR"] = State.Path, ["HOME"] = Home.Path, [AwsTimings.PollVariable] = "0.05",
        };
        if (withPcluster) env["PETAL_PCLUSTER"] = Pcluster.Path;
        return env;
    }

    protected Task<PetalProcess.Result> Petal(params string[] args) => PetalProcess.RunAsync(args, PetalEnvironment(), TimeSpan.FromSeconds(150));

    /// <summary>
    /// `petal create --provider aws` of <see cref="OneQueueSeed"/> as <paramref name="name"/>, its head node
    /// <paramref name="sshd"/> (the stand-in's describe-cluster says 127.0.0.1), from a custom AMI (no build), with the
    /// key pair petal-test whose file is where petal looks for it: ~/.ssh/petal-test.pem, the sshd's client key.
    /// Returns that file and create's result, which must be a success.
    /// </summary>
    protected async Task<(string KeyFile, PetalProcess.Result Created)> CreateBehindSshdAsync(string name, TestSshd sshd)
    {
        Pcluster.HeadNodeAddress = "127.0.0.1";
        var pem = Home.Write(".ssh/petal-test.pem", File.ReadAllText(sshd.ClientKey));
        File.SetUnixFileMode(pem, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var created = await Petal("create", OneQueueSeed, "--provider", "aws", "--name", name, "--ssh-cidr", "127.0.0.1/32",
            "--custom-ami", "ami-0pcluster00000000", "--key-name", "petal-test", "--output", "json");
        Assert.True(created.ExitCode == 0, created.Stderr + created.Stdout);
        return (pem, created);
    }

    /// <summary>The JSON petal printed; the run must have succeeded.</summary>
    protected static JsonElement Json(PetalProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}{result.Stdout}");
        return JsonDocument.Parse(result.Stdout).RootElement;
    }
}
