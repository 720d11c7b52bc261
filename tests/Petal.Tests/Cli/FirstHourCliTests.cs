using System.Text.Json;
using Petal.Tests.Support;

namespace Petal.Tests.Cli;

/// <summary>What a new user meets in the first hour, each as the user sees it: the real petal process.</summary>
public class FirstHourCliTests
{
    private static readonly string OneQueueSeed = Path.Combine(RepoPaths.Seeds, "examples", "local-one-queue.yaml");
    private static readonly string SpotPlan = Path.Combine(RepoPaths.Root, "examples", "spot", "plan.yaml");

    private static JsonElement Json(PetalProcess.Result r)
    {
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Stderr}{r.Stdout}");
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    [Fact]
    public async Task Version_names_petal_parallelcluster_spack_and_the_catalog_date()
    {
        var human = await PetalProcess.RunAsync("version");
        var json = Json(await PetalProcess.RunAsync("version", "--output", "json"));

        Assert.Equal(0, human.ExitCode);
        Assert.Matches(@"^petal \d+\.\d+\.\d+ \(ParallelCluster 3\.12\.0, Spack 0\.23\.\d+, catalog prices as of \d{4}-\d{2}-\d{2}", human.Stdout);
        Assert.Equal("3.12.0", json.GetProperty("parallel_cluster").GetString());
        Assert.StartsWith("0.23.", json.GetProperty("spack").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", json.GetProperty("petal").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}", json.GetProperty("catalog_prices_as_of").GetString());
    }

    [Fact]
    public async Task A_spec_starting_with_a_dash_is_a_spec_and_one_read_as_an_option_says_to_use_double_dash()
    {
        var after = await PetalProcess.RunAsync("spec", "--", "-hdf5");
        var bare = await PetalProcess.RunAsync("spec", "-hdf5");
        var split = await PetalProcess.RunAsync("spec", "hdf5", "-mpi");

        Assert.True(after.ExitCode == 0, after.Stderr);
        Assert.Contains("~hdf5", after.Stdout);
        Assert.Equal(after.Stdout, bare.Stdout);
        Assert.Equal(2, split.ExitCode);
        Assert.Contains("'-mpi' was read as an option", split.Stderr);
        Assert.Contains("after '--' when it starts with '-': petal spec -- '...-mpi'", split.Stderr);
    }

    [Fact]
    public async Task Random_seed_is_random_seed_and_key_file_is_the_ssh_key_everywhere()
    {
        var spot = await PetalProcess.RunAsync("spot", "select", "--vcpus", "16", "--choose", "random", "--random-seed", "3", "--output", "json");
        Assert.Equal(3, Json(spot).GetProperty("seed").GetInt32());
        foreach (var command in new[] { "ssh", "test" })
        {
            var help = await PetalProcess.RunAsync(command, "--help");
            Assert.Contains("-i, --key-file", help.Stdout);
            Assert.DoesNotContain("--identity-file", help.Stdout);
        }
        var garden = await PetalProcess.RunAsync("garden", "simulate", "--help");
        Assert.Contains("--random-seed", garden.Stdout);
    }

    [Fact]
    public async Task Spot_estimate_without_runtime_uses_the_stated_default()
    {
        var r = await PetalProcess.RunAsync("spot", "estimate", SpotPlan);
        var json = Json(await PetalProcess.RunAsync("spot", "estimate", SpotPlan, "--output", "json"));

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("default", r.Stdout);
        Assert.Equal(600, json.GetProperty("experiments")[0].GetProperty("runtime_seconds").GetDouble());
        var help = await PetalProcess.RunAsync("spot", "estimate", "--help");
        Assert.Contains("default 10m", help.Stdout);
    }

    [Fact]
    public async Task Garden_simulate_takes_a_folder_of_seed_files()
    {
        using var dir = new TempDirectory();
        using var jobDir = new TempDirectory();
        File.Copy(OneQueueSeed, Path.Combine(dir.Path, "one.yaml"));
        File.Copy(Path.Combine(RepoPaths.Seeds, "examples", "local-two-queues.yaml"), Path.Combine(dir.Path, "two.yaml"));
        var jobs = jobDir.Write("job.yaml", "nodes: 1\ntasks: 1\ncommand: hostname\n");

        var json = Json(await PetalProcess.RunAsync("garden", "simulate", "--clusters", dir.Path, "--jobs", jobs, "--output", "json"));

        var placement = Assert.Single(json.GetProperty("placements").EnumerateArray());
        Assert.Equal(2, placement.GetProperty("matches").GetArrayLength());
    }

    [Fact]
    public async Task Jobspec_keys_get_a_did_you_mean()
    {
        using var dir = new TempDirectory();
        var job = dir.Write("job.yaml", "nodes: 1\ntasks: 1\ncomand: hostname\n");

        var r = await PetalProcess.RunAsync("garden", "simulate", "--clusters", Path.Combine(RepoPaths.Root, "examples", "garden", "clusters"), "--jobs", job);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("did you mean 'command'?", r.Stderr);
    }

    [Fact]
    public async Task A_yaml_syntax_error_names_the_path_and_the_hint_fits_the_mistake()
    {
        using var dir = new TempDirectory();
        var seed = File.ReadAllText(OneQueueSeed);
        var dedented = dir.Write("dedented.yaml", seed.Replace("    - name: compute", "   - name: compute"));
        var tabbed = dir.Write("tabbed.yaml", seed.Replace("  head_node:", "\thead_node:"));

        var d = await PetalProcess.RunAsync("validate", dedented);
        var t = await PetalProcess.RunAsync("validate", tabbed);

        Assert.Equal(2, d.ExitCode);
        Assert.Matches(@"dedented\.yaml:\d+:\d+: error\[YAML-SYNTAX\] compute\.queues\[0\]", d.Stdout);
        Assert.Contains("check the indentation", d.Stdout);
        Assert.DoesNotContain("tab", d.Stdout);
        Assert.Equal(2, t.ExitCode);
        Assert.Contains("tabs", t.Stdout);
    }

    [Fact]
    public async Task A_misspelled_required_key_is_one_error_with_did_you_mean()
    {
        using var dir = new TempDirectory();
        var seed = dir.Write("typo.yaml", File.ReadAllText(OneQueueSeed).Replace("  head_node:", "  head_nod:"));

        var r = await PetalProcess.RunAsync("validate", seed);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown key 'head_nod'", r.Stdout);
        Assert.Contains("did you mean 'head_node'?", r.Stdout);
        Assert.DoesNotContain("'head_node' is required", r.Stdout);
        Assert.Contains("1 error", r.Stdout);
    }

    [Fact]
    public async Task Garden_describe_prices_spot_queues_at_spot_prices_like_plan()
    {
        using var dir = new TempDirectory();
        var seed = dir.Write("spot.yaml", File.ReadAllText(OneQueueSeed).Replace("      instance_types:", "      capacity: spot\n      instance_types:"));
        var describe = Json(await PetalProcess.RunAsync("garden", "describe", seed, "--output", "json"));
        var type = describe.GetProperty("queues")[0].GetProperty("instance_types")[0].GetString()!;
        var show = Json(await PetalProcess.RunAsync("catalog", "show", type, "--output", "json"));

        Assert.Equal(show.GetProperty("spot_usd_per_hour").GetDecimal(), describe.GetProperty("queues")[0].GetProperty("price_per_node_hour").GetDecimal());
        Assert.NotEqual(show.GetProperty("on_demand_usd_per_hour").GetDecimal(), describe.GetProperty("queues")[0].GetProperty("price_per_node_hour").GetDecimal());
    }

    [Fact]
    public async Task Completion_scripts_use_the_suggest_directive_which_completes_commands()
    {
        foreach (var shell in new[] { "bash", "zsh", "fish" })
        {
            var script = await PetalProcess.RunAsync("completion", shell);
            Assert.Equal(0, script.ExitCode);
            Assert.Contains("[suggest:", script.Stdout);
        }
        var suggested = await PetalProcess.RunAsync("[suggest:12]", "petal catalo");
        Assert.Contains("catalog", suggested.Stdout.Split('\n', StringSplitOptions.TrimEntries));
        var bad = await PetalProcess.RunAsync("completion", "tcsh");
        Assert.Equal(2, bad.ExitCode);
    }
    [Fact]
    public async Task Garden_memory_reasons_name_the_instance_type()
    {
        using var dir = new TempDirectory();
        using var jobDir = new TempDirectory();
        File.Copy(OneQueueSeed, Path.Combine(dir.Path, "one.yaml"));
        var jobs = jobDir.Write("big.yaml", "nodes: 1\ntasks: 1\nmemory_per_node: 64GiB\ncommand: hostname\n");

        var json = Json(await PetalProcess.RunAsync("garden", "simulate", "--clusters", dir.Path, "--jobs", jobs, "--output", "json"));

        var reasons = json.GetProperty("placements")[0].GetProperty("reasons").GetProperty("local-one-queue");
        Assert.Contains(reasons.EnumerateArray(), r => r.GetString()!.StartsWith("c6i.large: memory", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Spot_select_filters_by_interruption_and_shows_it()
    {
        var json = Json(await PetalProcess.RunAsync("spot", "select", "--vcpus", "16", "--max-interruption", "<5%", "--filter", "0", "--output", "json"));
        var all = Json(await PetalProcess.RunAsync("spot", "select", "--vcpus", "16", "--filter", "0", "--output", "json"));
        var table = await PetalProcess.RunAsync("spot", "select", "--vcpus", "16", "--max-interruption", "5-10%");
        var bad = await PetalProcess.RunAsync("spot", "select", "--max-interruption", "7%");

        var kept = json.GetProperty("candidates").EnumerateArray().ToList();
        Assert.NotEmpty(kept);
        Assert.All(kept, c => Assert.Equal(0, c.GetProperty("interruption_bucket").GetInt32()));
        Assert.Contains(all.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("interruption_bucket").ValueKind != JsonValueKind.Number
            || c.GetProperty("interruption_bucket").GetInt32() > 0);
        var header = table.Stdout.Split('\n').First(l => l.Contains("\ttype\t")).Split('\t');
        Assert.Contains("interruptions", header);
        Assert.Equal(2, bad.ExitCode);
    }

    [Fact]
    public async Task Spot_select_proposes_cpu_types_of_the_seeds_architecture_unless_told_otherwise()
    {
        var arm = Path.Combine(RepoPaths.Seeds, "library", "materials-arm-graviton.yaml");
        var plain = Json(await PetalProcess.RunAsync("spot", "select", "--vcpus", "8", "--filter", "0", "--output", "json"));
        var seeded = Json(await PetalProcess.RunAsync("spot", "select", "--vcpus", "8", "--filter", "0", "--seed", arm, "--output", "json"));
        var gpu = Json(await PetalProcess.RunAsync("spot", "select", "--vcpus", "8", "--gpu", "--filter", "0", "--output", "json"));

        Assert.All(plain.GetProperty("candidates").EnumerateArray(), c => Assert.Equal(0, c.GetProperty("gpu_count").GetInt32()));
        Assert.All(seeded.GetProperty("candidates").EnumerateArray(), c => Assert.Equal("arm64", c.GetProperty("architecture").GetString()));
        Assert.NotEmpty(gpu.GetProperty("candidates").EnumerateArray());
        Assert.All(gpu.GetProperty("candidates").EnumerateArray(), c => Assert.True(c.GetProperty("gpu_count").GetInt32() > 0));
    }

    [Fact]
    public async Task One_thread_per_core_selections_become_queues_without_hyperthreading()
    {
        var r = await PetalProcess.RunAsync("spot", "select", "--cores", "8", "--max-threads-per-core", "1", "--as-queue", "ht");
        var plain = await PetalProcess.RunAsync("spot", "select", "--cores", "8", "--as-queue", "ht");

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("    disable_hyperthreading: true", r.Stdout);
        Assert.DoesNotContain("disable_hyperthreading", plain.Stdout);
    }

    [Fact]
    public async Task Plan_shows_the_spack_target_per_queue_that_hits_the_buildcache()
    {
        using var dir = new TempDirectory();
        var seed = dir.Write("mixed.yaml", File.ReadAllText(OneQueueSeed)
            .Replace("    - name: compute", "    - name: amd\n      instance_types: [c6a.large]\n      max_count: 2\n    - name: compute"));

        var human = await PetalProcess.RunAsync("plan", seed, "-o", Path.Combine(dir.Path, "plan"));
        var json = Json(await PetalProcess.RunAsync("plan", seed, "-o", Path.Combine(dir.Path, "plan2"), "--output", "json"));

        Assert.True(human.ExitCode == 0, human.Stderr);
        Assert.Contains("spack target x86_64_v3 (Spack's public buildcache has it)", human.Stdout);
        Assert.Equal("x86_64_v4", json.GetProperty("queue_spack_targets").GetProperty("compute").GetString());
        Assert.Equal("x86_64_v3", json.GetProperty("queue_spack_targets").GetProperty("amd").GetString());
        Assert.Contains("target=x86_64_v3", File.ReadAllText(Path.Combine(dir.Path, "plan", "spack", "packages.yaml")));
    }
}
