using Petal.Plans;
using Petal.Seeds;

namespace Petal.Tests.Plans;

public class FingerprintTests
{
    static string Fp(Seed seed, SoftwareLayout? layout = null) => PlanFixtures.Create(seed, layout).Fingerprint;

    [Fact]
    public void Order_spacing_and_unrelated_fields_do_not_change_it()
    {
        var seed = TestSeeds.Full();
        var reordered = seed with
        {
            Software = seed.Software with { SpackPackages = ["samtools", "  hdf5   +mpi ", "gromacs@2024.1 %gcc@13.2.0 +mpi", "openmpi@4.1.6  fabrics=ofi"] },
            Users = [new SeedUser("carol", 3001, 3001)],
            Data = new DataSection(),
            SharedStorage = [],
            Cluster = seed.Cluster with { Name = "other-name" },
            Compute = seed.Compute with { Queues = [seed.Compute.Queues[0] with { MaxCount = 99, Name = "renamed" }] },
        };
        Assert.Equal(Fp(seed), Fp(reordered));
        Assert.Matches("^[0-9a-f]{64}$", Fp(seed));
    }

    public static TheoryData<string> Changes => ["version", "variant", "added", "spack", "os", "buildcache", "arch"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_software_change_changes_it(string change)
    {
        var seed = TestSeeds.Full();
        var sw = seed.Software;
        var changed = change switch
        {
            "version" => seed with { Software = sw with { SpackPackages = ["openmpi@4.1.7 fabrics=ofi", .. sw.SpackPackages.Skip(1)] } },
            "variant" => seed with { Software = sw with { SpackPackages = [.. sw.SpackPackages.SkipLast(2), "hdf5 ~mpi", "samtools"] } },
            "added" => seed with { Software = sw with { SpackPackages = [.. sw.SpackPackages, "zlib"] } },
            "spack" => seed with { Software = sw with { SpackVersion = "0.23.0" } },
            "os" => seed with { Cluster = seed.Cluster with { Os = "ubuntu2204" } },
            "buildcache" => seed with { Software = sw with { Buildcache = BuildcacheMode.Only } },
            // One architecture per cluster (the ARCHITECTURE rule): the head node moves to arm64 with the queue.
            _ => seed with { Compute = seed.Compute with { HeadNode = "c7g.xlarge", Queues = [seed.Compute.Queues[0] with { InstanceTypes = ["c7g.2xlarge"] }] } },
        };
        Assert.NotEqual(Fp(seed), Fp(changed));
    }

    [Fact]
    public void Layout_is_part_of_it()
    {
        var all = TestSeeds.Layouts.Select(l => Fp(TestSeeds.Full(), l)).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }
}
