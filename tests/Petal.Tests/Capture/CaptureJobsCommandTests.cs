using System.Text.Json;
using Petal.Tests.Support;

namespace Petal.Tests.Capture;

/// <summary>`petal capture jobs` as a user runs it: jobspecs written, --check through the garden matcher, malformed
/// scripts refused with file:line and nothing written.</summary>
public sealed class CaptureJobsCommandTests
{
    private const string Mpi = "#!/bin/bash\n#SBATCH --nodes=2\n#SBATCH --ntasks-per-node=2\n#SBATCH -p compute\n#SBATCH --time=00:10:00\nmodule load openmpi/4.1.4 matlab/R2023a\nsrun hostname\n";
    private const string Gpu = "#!/bin/bash\n#SBATCH --gres=gpu:a100:2\n#SBATCH --mem=8G\n";

    [Fact]
    public async Task Writes_a_jobspec_per_script_and_checks_them_against_a_seed()
    {
        using var dir = new TempDirectory();
        var a = dir.Write("mpi.sh", Mpi);
        var g = dir.Write("gpu.sh", Gpu);
        var seed = Path.Combine(RepoPaths.Seeds, "examples", "local-one-queue.yaml");
        var r = await PetalProcess.RunAsync(["capture", "jobs", a, g, "-o", dir.Path, "--check", seed, "--output", "json"]);
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var verdicts = doc.RootElement.GetProperty("verdicts").EnumerateArray().ToList();
        Assert.True(verdicts[0].GetProperty("runs").GetBoolean());
        Assert.Equal("compute", verdicts[0].GetProperty("queue").GetString());
        Assert.False(verdicts[1].GetProperty("runs").GetBoolean());
        Assert.Contains(verdicts[1].GetProperty("reasons").EnumerateArray(), x => x.GetString()!.Contains("GPU", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["matlab/R2023a"], doc.RootElement.GetProperty("needs").GetProperty("unmapped_modules").EnumerateArray().Select(x => x.GetString()));
        var jobspec = File.ReadAllText(dir.File("mpi.jobspec.yaml"));
        Assert.Contains("nodes: 2", jobspec);
        Assert.Contains("software: [openmpi]", jobspec);
        Assert.True(File.Exists(dir.File("gpu.jobspec.yaml")));
    }

    [Fact]
    public async Task Malformed_scripts_exit_2_with_file_and_line_and_write_nothing()
    {
        using var dir = new TempDirectory();
        var good = dir.Write("good.sh", Mpi);
        var bad = dir.Write("bad.sh", "#!/bin/bash\n#SBATCH --nodes=2\n#SBATCH --time=soon\n#SBATCH --mem=lots\n");
        var r = await PetalProcess.RunAsync(["capture", "jobs", good, bad, "-o", dir.Path]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{bad}:3: time 'soon' is not a duration", r.Stderr);
        Assert.Contains($"{bad}:4: --mem 'lots' is not a memory size", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.jobspec.yaml"));
    }

    [Fact]
    public async Task A_heterogeneous_job_is_a_marked_guess_and_check_matches_every_component()
    {
        using var dir = new TempDirectory();
        var fits = dir.Write("het-fits.sh", "#!/bin/bash\n#SBATCH -N 1 -n 1\n#SBATCH hetjob\n#SBATCH -N 2 -n 4\nsrun : srun\n");
        var gpu = dir.Write("het-gpu.sh", "#!/bin/bash\n#SBATCH -N 2 -n 4\n#SBATCH hetjob\n#SBATCH -N 1 -n 1 --gres=gpu:1\nsrun : srun\n");
        var seed = Path.Combine(RepoPaths.Seeds, "examples", "local-one-queue.yaml");
        var text = await PetalProcess.RunAsync(["capture", "jobs", fits, gpu, "-o", dir.Path, "--check", seed]);
        Assert.Equal(1, text.ExitCode);
        Assert.Equal(2, text.Stdout.Split('\n').Count(l => l.TrimStart().StartsWith("GUESS", StringComparison.Ordinal)));
        var r = await PetalProcess.RunAsync(["capture", "jobs", fits, gpu, "-o", dir.Path, "--check", seed, "--output", "json"]);
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var guesses = doc.RootElement.GetProperty("guesses").EnumerateArray().ToList();
        Assert.Equal([fits, gpu], guesses.Select(g => g.GetProperty("file").GetString()));
        Assert.StartsWith("heterogeneous job of 2 components that start together: the jobspec asks only for the largest (2 node(s), 4 task(s))",
            guesses[0].GetProperty("guess").GetString());
        var verdicts = doc.RootElement.GetProperty("verdicts").EnumerateArray().ToList();
        Assert.True(verdicts[0].GetProperty("runs").GetBoolean());
        Assert.Equal("compute", verdicts[0].GetProperty("queue").GetString());
        // The largest component fits; the small GPU one does not, and --check says which.
        Assert.False(verdicts[1].GetProperty("runs").GetBoolean());
        var reasons = verdicts[1].GetProperty("reasons").EnumerateArray().Select(x => x.GetString()!).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, x => Assert.StartsWith("component 2: ", x));
        Assert.Contains(reasons, x => x.Contains("GPU", StringComparison.OrdinalIgnoreCase));
        var jobspec = File.ReadAllText(dir.File("het-gpu.jobspec.yaml"));
        Assert.Contains("# GUESS: heterogeneous job of 2 components", jobspec);
        Assert.Contains("nodes: 2", jobspec);
    }
}
