using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching;
using Petal.Garden.Values;
using Petal.Seeds;
using Petal.Tests.Local;

namespace Petal.Tests.Garden;

/// <summary>Cluster software read with the Spack parser: canonical specs, versions, compilers, variants, MPI.</summary>
public class SoftwareDescriptionTests
{
    private static ClusterDescription Describe(params string[] specs) => ClusterDescriber.FromSeed(
        TwinSeeds.Make(SoftwareLayout.Ami, [TwinSeeds.Queue("compute", "c5.xlarge", 0, 2)], packages: specs), new SmallCatalog());

    [Fact]
    public void Specs_are_described_in_spack_canonical_form()
    {
        var d = Describe("lammps@20230802 +openmp %gcc@12 ^mpich", "go@=1.20.14", "hwloc@2.9:");
        var lammps = d.Software[0];
        Assert.Equal(("lammps", "20230802", "gcc@12"), (lammps.Name, lammps.Version, lammps.Compiler));
        Assert.Equal("lammps@20230802%gcc@12+openmp ^mpich", lammps.Spec);
        Assert.Equal(["+openmp"], lammps.Variants!);
        Assert.Equal("1.20.14", d.Software[1].Version);
        Assert.Equal("2.9:", d.Software[2].Version);
        Assert.Equal("mpich", d.Mpi);
    }

    [Fact]
    public void A_spec_spack_refuses_is_a_clear_error() =>
        Assert.Contains("software spec 'go@@1'", Assert.Throws<GardenInputException>(() => Describe("go@@1")).Message);

    [Theory]
    [InlineData("go@1.20:", true, MatchGrade.Exact)]    // 1.20.14 is on the lower bound (Spack: 1.20 contains 1.20.14)
    [InlineData("go@1.18:", true, MatchGrade.Compatible)]
    [InlineData("go@:1.20", true, MatchGrade.Exact)]     // inclusive upper bound with Spack's prefix semantics
    [InlineData("go@1.21:", false, MatchGrade.Incompatible)]
    public void Software_ranges_follow_spack_semantics(string requirement, bool matched, MatchGrade grade)
    {
        var match = GardenMatcher.MatchOne(JobspecReader.Parse($"nodes: 1\nrequires:\n  software: ['{requirement}']\n"), Describe("go@1.20.14"));
        Assert.Equal((matched, grade), (match.Matched, match.Grade));
        if (!matched) Assert.Contains(match.Reasons, r => r.EndsWith(": go 1.20.14 < 1.21", StringComparison.Ordinal));
    }
}
