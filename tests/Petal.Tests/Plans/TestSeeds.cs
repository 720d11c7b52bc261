using Petal.Seeds;

namespace Petal.Tests.Plans;

/// <summary>Seeds built in code, covering every section the planner reads.</summary>
public static class TestSeeds
{
    public static Seed Full(SoftwareLayout layout = SoftwareLayout.Ami) => new()
    {
        Cluster = new ClusterSection { Name = "genomics-lab", Region = "us-east-1", Os = "alinux2023" },
        Compute = new ComputeSection
        {
            HeadNode = "c6i.xlarge",
            Queues =
            [
                new QueueSpec { Name = "cpu", InstanceTypes = ["c6i.2xlarge", "c6a.2xlarge", "m6i.2xlarge"], MinCount = 1, MaxCount = 10 },
                new QueueSpec
                {
                    Name = "spot-hpc", InstanceTypes = ["c6i.8xlarge", "c6a.8xlarge", "c6in.32xlarge"], MaxCount = 7,
                    Capacity = CapacityType.Spot, AllocationStrategy = "price-capacity-optimized", DisableHyperthreading = true,
                },
                new QueueSpec { Name = "efa", InstanceTypes = ["c6in.32xlarge"], MaxCount = 4, Efa = true, PlacementGroup = true },
            ],
        },
        Software = new SoftwareSection
        {
            Layout = layout,
            SpackPackages = ["openmpi@4.1.6 fabrics=ofi", "gromacs@2024.1 +mpi %gcc@13.2.0", "hdf5 +mpi", "samtools"],
        },
        Users = [new SeedUser("alice", 2001, 2001), new SeedUser("bob", 2002, 2000)],
        Data = new DataSection
        {
            S3Mounts =
            [
                new S3Mount { Bucket = "ref-genomes", MountPoint = "/data/ref", ReadOnly = true },
                new S3Mount { Bucket = "lab-results.out", MountPoint = "/data/results" },
            ],
        },
        SharedStorage =
        [
            new SharedStorageSpec { Name = "scratch", Type = StorageType.FsxLustre, MountDir = "/scratch", SizeGb = 1200 },
            new SharedStorageSpec { Name = "projects", Type = StorageType.Efs, MountDir = "/projects" },
            new SharedStorageSpec { Name = "work", MountDir = "/work", SizeGb = 500, VolumeType = "gp3" },
        ],
    };

    public static Seed Minimal() => new()
    {
        Cluster = new ClusterSection { Name = "tiny", Region = "eu-west-1" },
        Compute = new ComputeSection
        {
            HeadNode = "t4g.medium",
            Queues = [new QueueSpec { Name = "q", InstanceTypes = ["c7g.large"], MaxCount = 2 }],
        },
    };

    public static IEnumerable<SoftwareLayout> Layouts => Enum.GetValues<SoftwareLayout>();
}
