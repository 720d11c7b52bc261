using Petal.Capture;
using Petal.Catalog;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Tests.Support;

namespace Petal.Tests.Capture;

/// <summary>Software capture: Lmod's spider over a real module hierarchy (the Lmod installed here), and Spack's
/// `spack find -x --json` in the formats Spack before and from 1.0 writes.</summary>
public sealed class SoftwareInventoryTests
{
    /// <summary>
    /// Recorded shape of `spack find -x --json` from Spack 0.21/0.22 (spec.py node_dict_with_hashes: name, version,
    /// arch, compiler {name, version}, namespace, parameters, dependencies [{name, hash, parameters {deptypes,
    /// virtuals}}], hash), shortened to the fields that matter; plus one hostile entry.
    /// </summary>
    private const string FindJsonBefore1 = """
        [
         {"name": "openmpi", "version": "4.1.6",
          "arch": {"platform": "linux", "platform_os": "ubuntu22.04", "target": {"name": "x86_64_v3", "vendor": "GenuineIntel"}},
          "compiler": {"name": "gcc", "version": "11.4.0"}, "namespace": "builtin",
          "parameters": {"fabrics": ["none"], "schedulers": ["slurm"], "cflags": [], "cxxflags": [], "ldflags": []},
          "dependencies": [{"name": "hwloc", "hash": "kt3x2glqcbwtwzwpx2nhhxnlbmkmzbcs", "parameters": {"deptypes": ["build", "link"], "virtuals": []}}],
          "hash": "pkfuxvq43sjmyxo4eyqclqfwsuq2fkfa"},
         {"name": "gromacs", "version": "2023.3", "compiler": {"name": "gcc", "version": "11.4.0"},
          "parameters": {"cuda": true, "mpi": true}, "hash": "tzm2f7ahlxfvl4ydf7o6tt6qh6ai3t5h"},
         {"name": "openmpi", "version": "4.1.10", "compiler": {"name": "gcc", "version": "11.4.0"}, "hash": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
         {"name": "hdf5", "version": "1.14.3", "compiler": {"name": "oneapi", "version": "2024.0.0"}, "hash": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"},
         {"name": "evil; rm -rf /", "version": "1.0", "hash": "cccccccccccccccccccccccccccccccc"},
         {"name": "noversion", "hash": "dddddddddddddddddddddddddddddddd"}
        ]
        """;

    /// <summary>
    /// Spack 1.0 writes no "compiler" key: the compiler is a dependency that provides the c/cxx/fortran virtuals
    /// (spec format version 5, "annotations": {"original_specfile_version": 5}); an external gcc is named by hash.
    /// </summary>
    private const string FindJson1 = """
        [
         {"name": "zlib-ng", "version": "2.2.4", "namespace": "builtin",
          "dependencies": [
            {"name": "gcc", "hash": "gccgccgccgccgccgccgccgccgccgccgc", "parameters": {"deptypes": ["build"], "virtuals": ["c", "cxx"]}},
            {"name": "gcc-runtime", "hash": "rtrtrtrtrtrtrtrtrtrtrtrtrtrtrtrt", "parameters": {"deptypes": ["link"], "virtuals": []}}],
          "annotations": {"original_specfile_version": 5}, "hash": "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"},
         {"name": "gcc", "version": "13.2.0", "namespace": "builtin", "external": {"path": "/usr", "module": null},
          "annotations": {"original_specfile_version": 5}, "hash": "gccgccgccgccgccgccgccgccgccgccgc"}
        ]
        """;

    [Fact]
    public void Spack_find_json_before_1_0_gives_specs_with_their_compilers_newest_last()
    {
        var found = SpackInventory.ParseFind(FindJsonBefore1);
        Assert.Equal(["gromacs@2023.3 %gcc@11.4.0", "hdf5@1.14.3 %oneapi@2024.0.0", "openmpi@4.1.6 %gcc@11.4.0", "openmpi@4.1.10 %gcc@11.4.0"],
            found.Select(s => s.Spec));
        Assert.Equal(["gcc@11.4.0", "oneapi@2024.0.0"], SpackInventory.Compilers(found));
    }

    [Fact]
    public void Spack_1_0_names_the_compiler_as_a_dependency_providing_c()
    {
        var found = SpackInventory.ParseFind(FindJson1);
        Assert.Equal(["gcc@13.2.0", "zlib-ng@2.2.4 %gcc@13.2.0"], found.Select(s => s.Spec));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bash: spack: command not found")]
    [InlineData("{\"name\": \"x\"}")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    public void Anything_else_from_spack_is_no_spec(string text) => Assert.Empty(SpackInventory.ParseFind(text));

    [Fact]
    public void Spack_installs_win_over_modules_of_the_same_package_and_the_seed_validates()
    {
        var nodes = SlurmInventory.ParseNodes("NodeName=n1 Arch=x86_64 CoresPerSocket=1 CPUTot=2 RealMemory=3800 Sockets=1 ThreadsPerCore=2");
        var cluster = new CapturedCluster("spacked", OsInventory.Parse("x86_64\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n"),
            SlurmInventory.ParsePartitions("PartitionName=compute Default=YES Nodes=n1", nodes),
            ModuleInventory.ParseTerse("openmpi/4.1.1(D)\ncuda/11.8.0\n"), [])
        { Spack = SpackInventory.ParseFind(FindJsonBefore1) };
        var result = SeedWriter.Write(cluster, EmbeddedCatalog.Default);
        var loaded = SeedLoader.LoadText(result.SeedYaml, "captured.yaml", EmbeddedCatalog.Default);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors) + "\n" + result.SeedYaml);
        Assert.Contains("openmpi@4.1.10 %gcc@11.4.0", loaded.Seed!.Software.SpackPackages);
        Assert.DoesNotContain(loaded.Seed.Software.SpackPackages, s => s.StartsWith("openmpi@4.1.1 ", StringComparison.Ordinal) || s == "openmpi@4.1.1");
        Assert.Contains("cuda@11.8.0", loaded.Seed.Software.SpackPackages);
        Assert.Contains("# Spack there built with: gcc@11.4.0, oneapi@2024.0.0", result.SeedYaml);
        Assert.Contains("# also installed there: openmpi/4.1.1 → openmpi@4.1.1", result.SeedYaml);
        Assert.DoesNotContain(result.Guesses, g => g.Contains("spack find", StringComparison.Ordinal));
    }

    /// <summary>A small Lmod hierarchy: Core holds gcc (which opens Compiler/gcc/12), python with a marked default and
    /// a hidden cuda; openmpi lives behind gcc, where `module -t avail` does not look.</summary>
    [Fact]
    public async Task Lmod_spider_reads_the_whole_hierarchy_defaults_and_hidden_modules()
    {
        using var dir = new TempDirectory();
        var core = dir.File("Core");
        dir.Write("Core/gcc/12.2.0.lua", $"whatis(\"GNU compilers\")\nprepend_path(\"MODULEPATH\", \"{dir.File("Compiler/gcc/12")}\")\n");
        dir.Write("Core/python/3.9.0.lua", "whatis(\"Python\")\n");
        dir.Write("Core/python/3.11.4.lua", "whatis(\"Python\")\n");
        File.CreateSymbolicLink(dir.File("Core/python/default"), "3.9.0.lua");
        dir.Write("Core/cuda/.11.8.0.lua", "whatis(\"CUDA\")\n");
        dir.Write("Compiler/gcc/12/openmpi/4.1.4.lua", "whatis(\"Open MPI\")\n");

        async Task<string> Run(string command) =>
            (await ProcessRunner.RunAsync("bash", ["-lc", $"export MODULEPATH='{core}'; {command}"])).Stdout;
        var spider = ModuleInventory.ParseSpiderJson(await Run(ModuleInventory.SpiderCommand));
        Assert.NotNull(spider);
        Assert.Equal(["cuda/11.8.0", "gcc/12.2.0", "openmpi/4.1.4", "python/3.9.0", "python/3.11.4"], spider.Select(m => m.FullName));
        Assert.True(spider.Single(m => m.FullName == "python/3.9.0").IsDefault);
        Assert.False(spider.Single(m => m.FullName == "python/3.11.4").IsDefault);
        Assert.True(spider.Single(m => m.FullName == "cuda/11.8.0").IsHidden);

        // The fallback sees only what is loadable now: openmpi stays behind gcc.
        var avail = ModuleInventory.ParseTerse(await Run(ModuleInventory.ListCommand));
        Assert.Contains(avail, m => m.FullName == "gcc/12.2.0");
        Assert.DoesNotContain(avail, m => m.FullName == "openmpi/4.1.4");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Lmod has detected the following error")]
    [InlineData("[1, 2]")]
    public void Spider_output_that_is_no_database_falls_back(string text) => Assert.Null(ModuleInventory.ParseSpiderJson(text));

    [Fact]
    public void Spider_entries_with_hostile_names_are_skipped()
    {
        var modules = ModuleInventory.ParseSpiderJson("""{"x": {"/a.lua": {"fullName": "x/1 ; rm", "wV": "^1"}, "/b.lua": {"fullName": "x/2", "wV": "000000002.*zfinal"}}, "y": 3}""");
        Assert.Equal(["x/2"], modules!.Select(m => m.FullName));
    }
}
