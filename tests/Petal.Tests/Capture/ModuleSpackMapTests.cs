using Petal.Capture;
using Petal.Spack;

namespace Petal.Tests.Capture;

public class ModuleSpackMapTests
{
    public static TheoryData<string> Known() => new(ModuleSpackMap.KnownNames);

    public static TheoryData<string> Unmappable() => new(ModuleSpackMap.UnmappableNames);

    [Fact]
    public void The_table_covers_at_least_150_module_names() =>
        Assert.True(ModuleSpackMap.KnownNames.Count >= 150, $"{ModuleSpackMap.KnownNames.Count} names");

    [Theory]
    [MemberData(nameof(Known))]
    public void Every_entry_maps_name_and_version_to_a_spec_that_parses(string name)
    {
        var mapping = ModuleSpackMap.Map(name + "/1.2.3");
        Assert.NotNull(mapping.Spec);
        Assert.Equal(MapConfidence.High, mapping.Confidence);
        var spec = SpecParser.Parse(mapping.Spec!);
        Assert.Equal(ModuleSpackMap.PackageFor(name), spec.Name);
        Assert.Equal("1.2.3", spec.Versions.ToString());
        var bare = ModuleSpackMap.Map(name);
        Assert.Equal(ModuleSpackMap.PackageFor(name), bare.Spec);
    }

    [Theory]
    [MemberData(nameof(Unmappable))]
    public void Licensed_software_is_listed_with_a_reason_not_a_spec(string name)
    {
        var mapping = ModuleSpackMap.Map(name + "/R2023a");
        Assert.Null(mapping.Spec);
        Assert.Contains("licensed", mapping.Reason);
    }

    [Theory]
    [InlineData("openmpi/4.1.1-gcc-11.2.0", "openmpi@4.1.1 %gcc@11.2.0", MapConfidence.Medium)]
    [InlineData("intel-oneapi-mpi/2021.9", "intel-oneapi-mpi@2021.9", MapConfidence.High)]
    [InlineData("cuda/11.8.0", "cuda@11.8.0", MapConfidence.High)]
    [InlineData("anaconda3/2023.03", "anaconda3@2023.03", MapConfidence.High)]
    [InlineData("gromacs/2023.1-cuda", "gromacs@2023.1 +cuda", MapConfidence.Medium)]
    [InlineData("R/4.3.1", "r@4.3.1", MapConfidence.High)]
    [InlineData("Core/gcc/12.2.0", "gcc@12.2.0", MapConfidence.High)]
    [InlineData("MPI/gcc/11.2.0/openmpi/4.1.5", "openmpi@4.1.5", MapConfidence.High)]
    [InlineData("hdf5/1.14.0-gcc-12-mpi", "hdf5@1.14.0 %gcc@12 +mpi", MapConfidence.Medium)]
    [InlineData("lammps/stable", "lammps", MapConfidence.Medium)]
    [InlineData("python/3.11.4", "python@3.11.4", MapConfidence.High)]
    [InlineData("miniconda3/py310_23.5.2", "miniconda3@23.5.2", MapConfidence.Medium)]
    [InlineData("PyTorch/2.1.0", "py-torch@2.1.0", MapConfidence.High)]
    [InlineData("mytool/0.9", "mytool@0.9", MapConfidence.Low)]
    [InlineData("fftw/3.3.10-intel-2021", "fftw@3.3.10 %intel@2021", MapConfidence.Medium)]
    [InlineData("netcdf/4.9.2-serial", "netcdf-c@4.9.2 ~mpi", MapConfidence.Medium)]
    public void Real_world_module_names(string module, string spec, MapConfidence confidence)
    {
        var mapping = ModuleSpackMap.Map(module);
        Assert.Equal(spec, mapping.Spec);
        Assert.Equal(confidence, mapping.Confidence);
        Assert.True(SpecParser.TryParse(mapping.Spec!, out _, out _));
    }

    [Theory]
    [InlineData("Weird Name/1.0")]
    [InlineData("Tool;rm -rf/1")]
    [InlineData("@@/1")]
    public void Names_Spack_cannot_read_are_listed_with_a_reason(string module)
    {
        var mapping = ModuleSpackMap.Map(module);
        Assert.Null(mapping.Spec);
        Assert.NotNull(mapping.Reason);
    }

    [Fact]
    public void Any_module_text_maps_to_a_parsing_spec_or_a_reason()
    {
        var random = new Random(1616);
        const string alphabet = "abcXYZ019._-/+@%~^ ;$'\"";
        for (var n = 0; n < 5000; n++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var mapping = ModuleSpackMap.Map(text);
            if (mapping.Spec is null) Assert.NotNull(mapping.Reason);
            else Assert.True(SpecParser.TryParse(mapping.Spec, out _, out _), $"{text} → {mapping.Spec}");
        }
    }

    [Fact]
    public void Terse_listings_of_Lmod_and_Environment_Modules()
    {
        const string text = """
            /usr/share/modules/modulefiles:
            dot
            gcc/
            gcc/11.2.0(default)
            gcc/12.2.0
            /opt/apps/lmod/Core:
            cuda/11.8.0 (L)
            cuda/12.2.0(D)
            openmpi/4.1.1-gcc-11.2.0.lua
            python/.3.9.0
            R/4.3.1(L:D)
            gcc/12.2.0
            """;
        var modules = ModuleInventory.ParseTerse(text);
        Assert.Equal(["dot", "gcc/11.2.0", "gcc/12.2.0", "cuda/11.8.0", "cuda/12.2.0", "openmpi/4.1.1-gcc-11.2.0", "python/3.9.0", "R/4.3.1"],
            modules.Select(m => m.FullName));
        Assert.True(modules.Single(m => m.FullName == "gcc/11.2.0").IsDefault);
        Assert.True(modules.Single(m => m.FullName == "cuda/11.8.0").IsLoaded);
        Assert.True(modules.Single(m => m.FullName == "cuda/12.2.0").IsDefault);
        Assert.True(modules.Single(m => m.FullName == "python/3.9.0").IsHidden);
        var r = modules.Single(m => m.FullName == "R/4.3.1");
        Assert.True(r.IsDefault && r.IsLoaded);
    }
}
