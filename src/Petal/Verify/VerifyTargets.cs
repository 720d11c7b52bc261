using Petal.Providers;
using Petal.Seeds;

namespace Petal.Verify;

/// <summary>Builds the <see cref="VerifyTarget"/> of a cluster from what its handle knows and what its seed promised.</summary>
public static class VerifyTargets
{
    public static VerifyTarget For(ICluster cluster, Seed seed)
    {
        var facts = cluster.Facts(seed);
        return new VerifyTarget
        {
            Name = cluster.Name, Provider = cluster.Provider, Layout = facts.Layout, SeedFile = seed.SourceFile, SoftwareRoot = facts.SoftwareRoot,
            Queues = facts.Queues.Select(q => new QueueTarget(q.Key, q.Value)).ToList(),
            Packages = seed.Software.SpackPackages, Users = seed.Users, S3Mounts = seed.Data.S3Mounts,
            StorageMounts = seed.SharedStorage.Select(s => s.MountDir).ToList(), MountsNotEmulated = facts.MountsNotEmulated, MountsEmulated = facts.MountsEmulated,
            HeadPricePerHour = facts.HeadPricePerHour, QueuePricePerHour = facts.QueuePricePerHour, CostBasis = facts.CostBasis,
        };
    }
}
