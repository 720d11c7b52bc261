using System.Text.Json;

namespace Petal.Cli;

/// <summary>
/// The naming policy of every JSON document petal prints: snake_case, units as whole suffixes
/// (MemoryMiB → memory_mib, MemoryGiB → memory_gib, OnDemandUsdPerHour → on_demand_usd_per_hour) and vCPUs
/// as one word (VCpus → vcpus), where plain snake_case would split them (memory_mi_b, v_cpus).
/// </summary>
public sealed class JsonNames : JsonNamingPolicy
{
    public static readonly JsonNamingPolicy Policy = new JsonNames();

    private static readonly (string From, string To)[] Words =
        [("KiB", "Kib"), ("MiB", "Mib"), ("GiB", "Gib"), ("TiB", "Tib"), ("VCpu", "Vcpu"), ("USD", "Usd")];

    public override string ConvertName(string name)
    {
        foreach (var (from, to) in Words) name = name.Replace(from, to, StringComparison.Ordinal);
        return SnakeCaseLower.ConvertName(name);
    }
}
