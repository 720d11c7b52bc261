using Ec2 = Amazon.EC2.Model;

namespace Petal.Catalog.Refresh;

/// <summary>
/// DescribeInstanceTypes' shape → petal's <see cref="InstanceTypeInfo"/>. Used by `catalog refresh`
/// and by tools/CatalogGen (moto's dump has the same shape), so both read types the same way.
/// </summary>
public static class Ec2InstanceTypeMapper
{
    public static InstanceTypeInfo ToInstanceTypeInfo(Ec2.InstanceTypeInfo t)
    {
        var vcpus = t.VCpuInfo?.DefaultVCpus ?? 0;
        var threads = t.VCpuInfo?.DefaultThreadsPerCore ?? 1;
        var gpu = t.GpuInfo?.Gpus?.FirstOrDefault();
        return new InstanceTypeInfo
        {
            Name = t.InstanceType.Value,
            Architecture = Architecture(t.ProcessorInfo?.SupportedArchitectures),
            VCpus = vcpus,
            Cores = t.VCpuInfo?.DefaultCores ?? vcpus / Math.Max(1, threads),
            ThreadsPerCore = threads,
            MinThreadsPerCore = t.VCpuInfo?.ValidThreadsPerCore is { Count: > 0 } valid ? valid.Min() : threads,
            MemoryMiB = t.MemoryInfo?.SizeInMiB ?? 0,
            CpuManufacturer = t.ProcessorInfo?.Manufacturer,
            GpuCount = t.GpuInfo?.Gpus?.Sum(g => g.Count ?? 0) ?? 0,
            GpuManufacturer = gpu?.Manufacturer,
            GpuModel = gpu?.Name,
            GpuMemoryMiB = t.GpuInfo?.TotalGpuMemoryInMiB ?? 0,
            EfaSupported = t.NetworkInfo?.EfaSupported ?? false,
            BareMetal = t.BareMetal ?? false,
            Hypervisor = t.Hypervisor?.Value,
            CurrentGeneration = t.CurrentGeneration ?? false,
            SpotSupported = t.SupportedUsageClasses?.Contains("spot") ?? false,
            Burstable = t.BurstablePerformanceSupported ?? false,
            InstanceStorageGb = t.InstanceStorageInfo?.TotalSizeInGB ?? 0,
            ClusterPlacementGroup = t.PlacementGroupInfo?.SupportedStrategies is not { } strategies || strategies.Contains("cluster"),
            InferenceAcceleratorCount = t.InferenceAcceleratorInfo?.Accelerators?.Sum(a => a.Count ?? 0) ?? 0,
            InferenceAcceleratorManufacturer = t.InferenceAcceleratorInfo?.Accelerators?.FirstOrDefault()?.Manufacturer,
            NetworkPerformance = t.NetworkInfo?.NetworkPerformance,
        };
    }

    /// <summary>The first supported architecture, except that x86_64 wins over i386 (listed first for old types).</summary>
    private static string Architecture(IReadOnlyList<string>? supported) =>
        supported is null || supported.Count == 0 ? "unknown"
        : supported.Contains("x86_64") ? "x86_64"
        : supported[0];
}
