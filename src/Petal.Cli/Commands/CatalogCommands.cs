using System.CommandLine;
using System.Globalization;
using Petal.Catalog;
using Petal.Catalog.Refresh;
using Petal.Common;
using Spectre.Console;

namespace Petal.Cli.Commands;

/// <summary>`petal catalog show | list | refresh`: the EC2 catalog (see docs/catalog.md).</summary>
public static class CatalogCommands
{
    private const string DefaultRegion = "us-east-1";

    public static IEnumerable<Command> Create()
    {
        var catalog = new Command("catalog", "EC2 instance types, the regions offering them, and their prices (embedded; refreshable)");
        catalog.Subcommands.Add(Show());
        catalog.Subcommands.Add(List());
        catalog.Subcommands.Add(Refresh());
        return [catalog];
    }

    private static Option<string> RegionOption() => new("--region")
    {
        Description = "AWS region",
        DefaultValueFactory = _ => DefaultRegion,
    };

    private static Command Show()
    {
        var type = new Argument<string>("TYPE") { Description = "Instance type, e.g. c5n.18xlarge" };
        var region = RegionOption();
        var command = new Command("show", "All specs of one instance type, its prices in a region and where it is offered") { type, region };
        command.SetAction(parse =>
        {
            var catalog = EmbeddedCatalog.Default;
            var r = RequireRegion(catalog, parse.GetValue(region)!, pricedIsEnough: true);
            var name = parse.GetValue(type)!.Trim();
            var info = catalog.Find(name) ?? throw new UserInputException(
                $"unknown instance type '{name}'{DidYouMean(catalog.Suggest(name))}; list types with `petal catalog list`");
            var view = ShowView.From(catalog, info, r);
            if (CliOutput.IsJson(parse)) CliOutput.WriteJson(view);
            else RenderShow(view);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var region = RegionOption();
        var arch = new Option<string?>("--arch") { Description = "CPU architecture" };
        arch.AcceptOnlyFromAmong("x86_64", "arm64");
        var minVcpus = new Option<int?>("--min-vcpus") { Description = "At least this many vCPUs" };
        var maxVcpus = new Option<int?>("--max-vcpus") { Description = "At most this many vCPUs" };
        var minMemory = new Option<double?>("--min-memory") { Description = "At least this much memory, GiB" };
        var gpu = new Option<bool>("--gpu") { Description = "Only types with GPUs" };
        var efa = new Option<bool>("--efa") { Description = "Only types supporting EFA" };
        var family = new Option<string?>("--family") { Description = "Exact family, e.g. c6i (not c6in)" };
        var sort = new Option<string>("--sort") { Description = "Order", DefaultValueFactory = _ => "price" };
        sort.AcceptOnlyFromAmong("price", "spot-price", "vcpus", "memory", "name");
        var limit = new Option<int?>("--limit") { Description = "Show at most N rows" };
        var command = new Command("list", "Instance types offered in a region, filtered, with on-demand and spot prices")
        {
            region, arch, minVcpus, maxVcpus, minMemory, gpu, efa, family, sort, limit,
        };
        command.SetAction(parse =>
        {
            var catalog = EmbeddedCatalog.Default;
            var r = RequireRegion(catalog, parse.GetValue(region)!, pricedIsEnough: false);
            RequireNonNegative("--min-vcpus", parse.GetValue(minVcpus));
            RequireNonNegative("--max-vcpus", parse.GetValue(maxVcpus));
            RequireNonNegative("--min-memory", parse.GetValue(minMemory));
            RequireNonNegative("--limit", parse.GetValue(limit));
            var filter = new CatalogFilter
            {
                Region = r,
                Architecture = parse.GetValue(arch),
                MinVCpus = parse.GetValue(minVcpus),
                MaxVCpus = parse.GetValue(maxVcpus),
                MinMemoryGiB = parse.GetValue(minMemory),
                Gpu = parse.GetValue(gpu) ? true : null,
                Efa = parse.GetValue(efa) ? true : null,
                Family = parse.GetValue(family)?.Trim(),
            };
            var order = Enum.Parse<CatalogSort>(parse.GetValue(sort)!.Replace("-", ""), ignoreCase: true);
            var rows = catalog.Query(filter).Sort(order)
                .Take(parse.GetValue(limit) ?? int.MaxValue)
                .Select(ListRow.From).ToList();
            if (CliOutput.IsJson(parse)) CliOutput.WriteJson(new { Region = r, InstanceTypes = rows });
            else RenderList(rows, r);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Refresh()
    {
        var region = new Option<string>("--region") { Description = "AWS region to fetch", Required = true };
        var command = new Command("refresh",
            "Fetch a region's instance types and offerings from EC2 (DescribeInstanceTypes, DescribeInstanceTypeOfferings) "
            + "into the cache petal lays over its embedded catalog; prices stay embedded")
        {
            region,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var r = parse.GetValue(region)!.Trim();
            if (!Patterns.Region.IsMatch(r))
                throw new UserInputException(
                    $"'{r}' is not an AWS region name{DidYouMean(EmbeddedCatalog.Default.SuggestRegion(r))}");
            using var source = Ec2CatalogSource.ForRegion(r);
            var result = await CatalogRefresher.RefreshAsync(source, r, CatalogCache.Directory, EmbeddedCatalog.LoadEmbedded(), cancellation);
            if (CliOutput.IsJson(parse)) CliOutput.WriteJson(result);
            else
                CliOutput.Console.MarkupLineInterpolated(
                    $"[green]refreshed[/] {result.Region}: {result.InstanceTypes} instance types ({result.NewTypes} not embedded), {result.Offered} offered; cache {result.CacheFile}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The region, if the catalog knows it (with offerings data, or with prices when that is enough).</summary>
    internal static string RequireRegion(EmbeddedCatalog catalog, string region, bool pricedIsEnough)
    {
        region = region.Trim();
        if (catalog.Regions.Contains(region)) return region;
        if (catalog.PricedRegions.Contains(region))
        {
            if (pricedIsEnough) return region;
            throw new UserInputException(
                $"the catalog has prices but no offerings data for {region}; run `petal catalog refresh --region {region}` (needs AWS credentials)");
        }
        throw new UserInputException($"unknown region '{region}'{DidYouMean(catalog.SuggestRegion(region))}; "
            + $"regions with offerings data: {string.Join(", ", catalog.Regions.Order(StringComparer.Ordinal))}");
    }

    private static void RequireNonNegative<T>(string option, T? value) where T : struct, IComparable<T>
    {
        if (value is { } v && v.CompareTo(default) < 0)
            throw new UserInputException($"{option} must be zero or more, not {v}");
    }

    internal static string DidYouMean(IReadOnlyList<string> suggestions) =>
        suggestions.Count switch
        {
            0 => "",
            1 => $" (did you mean {suggestions[0]}?)",
            _ => $" (did you mean {string.Join(", ", suggestions.Take(suggestions.Count - 1))} or {suggestions[^1]}?)",
        };

    internal static string Money(decimal? value) =>
        value is { } v ? "$" + v.ToString("0.0000##", CultureInfo.InvariantCulture) : "-";

    private static void RenderShow(ShowView v)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string key, string? value) => grid.AddRow(new Text(key), new Text(value ?? "-"));
        Row("instance type", v.InstanceType);
        Row("architecture", v.Architecture);
        Row("vCPUs", $"{v.Vcpus} ({v.Cores} cores x {v.ThreadsPerCore} threads)");
        Row("memory", $"{v.MemoryGib:0.###} GiB ({v.MemoryMib} MiB)");
        Row("processor", v.CpuManufacturer);
        Row("GPUs", v.GpuCount == 0 ? "none" : $"{v.GpuCount} x {v.GpuManufacturer} {v.GpuModel}, {v.GpuMemoryMib} MiB in total");
        Row("EFA", v.EfaSupported ? "yes" : "no");
        Row("bare metal", v.BareMetal ? "yes" : "no");
        Row("hypervisor", v.Hypervisor ?? (v.BareMetal ? "none (bare metal)" : null));
        Row("network", v.NetworkPerformance);
        Row("instance storage", v.InstanceStorageGb == 0 ? "none (EBS only)" : $"{v.InstanceStorageGb} GB");
        Row("generation", v.CurrentGeneration ? "current" : "previous");
        Row("spot", v.SpotSupported ? "supported" : "not supported");
        Row("burstable", v.Burstable ? "yes" : "no");
        Row($"offered in {v.Region}", v.OfferedInRegion ? "yes" : "no");
        Row("on-demand", v.OnDemandUsdPerHour is null ? null : $"{Money(v.OnDemandUsdPerHour)}/h (as of {v.PriceAsOf})");
        Row("spot (estimate)", v.SpotUsdPerHour is null ? null : $"{Money(v.SpotUsdPerHour)}/h, {v.SpotSavingsPercent}% below on-demand");
        Row("interruptions", v.InterruptionFrequency is null ? null : $"{v.InterruptionFrequency} (bucket {v.InterruptionBucket})");
        Row("regions offering", $"{v.RegionsOffering}: {string.Join(", ", v.OfferingRegions)}");
        CliOutput.Console.Write(grid);
    }

    private static void RenderList(IReadOnlyList<ListRow> rows, string region)
    {
        if (rows.Count == 0)
        {
            CliOutput.Console.MarkupLineInterpolated($"no instance types in {region} match these filters");
            return;
        }
        var table = new Table().Title($"{rows.Count} instance types in {region}")
            .AddColumns("type", "arch", "vCPUs", "cores", "memory GiB", "GPUs", "EFA", "on-demand $/h", "spot $/h", "savings", "interruptions");
        foreach (var r in rows)
            table.AddRow(
                r.InstanceType, r.Architecture, r.Vcpus.ToString(CultureInfo.InvariantCulture), r.Cores.ToString(CultureInfo.InvariantCulture),
                r.MemoryGib.ToString("0.###", CultureInfo.InvariantCulture),
                r.GpuCount == 0 ? "-" : $"{r.GpuCount} {r.GpuModel}", r.EfaSupported ? "yes" : "-",
                Money(r.OnDemandUsdPerHour), Money(r.SpotUsdPerHour),
                r.SpotSavingsPercent is { } s ? $"{s}%" : "-", r.InterruptionFrequency ?? "-");
        CliOutput.Console.Write(table);
        CliOutput.Console.MarkupLine("[grey]spot prices are estimates (on-demand × advisor savings); see docs/catalog.md[/]");
    }

    /// <summary>One `catalog list` row (JSON: snake_case fields).</summary>
    private sealed record ListRow(
        string InstanceType, string Region, string Architecture, int Vcpus, int Cores, int ThreadsPerCore,
        double MemoryGib, int GpuCount, string? GpuModel, bool EfaSupported, bool BareMetal, string? Hypervisor,
        decimal? OnDemandUsdPerHour, decimal? SpotUsdPerHour, int? SpotSavingsPercent, int? InterruptionBucket,
        string? InterruptionFrequency, string? PriceAsOf)
    {
        public static ListRow From(CatalogOffer o) => new(
            o.Type.Name, o.Region, o.Type.Architecture, o.Type.VCpus, o.Type.Cores, o.Type.ThreadsPerCore,
            o.Type.MemoryGiB, o.Type.GpuCount, o.Type.GpuModel, o.Type.EfaSupported, o.Type.BareMetal, o.Type.Hypervisor,
            o.Price?.OnDemand, o.Price?.SpotAverage, o.Price?.SpotSavingsPercent, o.Price?.InterruptionBucket,
            InterruptionBuckets.Label(o.Price?.InterruptionBucket), o.Price?.AsOf);
    }

    /// <summary>`catalog show` (JSON: snake_case fields).</summary>
    private sealed record ShowView(
        string InstanceType, string Family, string Size, string Architecture, int Vcpus, int Cores, int ThreadsPerCore,
        long MemoryMib, double MemoryGib, string? CpuManufacturer, int GpuCount, string? GpuManufacturer, string? GpuModel,
        long GpuMemoryMib, bool EfaSupported, bool BareMetal, string? Hypervisor, bool CurrentGeneration, bool SpotSupported,
        bool Burstable, long InstanceStorageGb, string? NetworkPerformance,
        string Region, bool OfferedInRegion, decimal? OnDemandUsdPerHour, decimal? SpotUsdPerHour, int? SpotSavingsPercent,
        int? InterruptionBucket, string? InterruptionFrequency, string? PriceAsOf, int RegionsOffering,
        IReadOnlyList<string> OfferingRegions)
    {
        public static ShowView From(EmbeddedCatalog catalog, InstanceTypeInfo t, string region)
        {
            var price = catalog.Price(region, t.Name);
            var offering = catalog.Regions.Where(r => catalog.IsOffered(r, t.Name)).Order(StringComparer.Ordinal).ToList();
            return new ShowView(
                t.Name, t.Family, t.Size, t.Architecture, t.VCpus, t.Cores, t.ThreadsPerCore, t.MemoryMiB, t.MemoryGiB,
                t.CpuManufacturer, t.GpuCount, t.GpuManufacturer, t.GpuModel, t.GpuMemoryMiB, t.EfaSupported, t.BareMetal,
                t.Hypervisor, t.CurrentGeneration, t.SpotSupported, t.Burstable, t.InstanceStorageGb, t.NetworkPerformance,
                region, catalog.IsOffered(region, t.Name), price?.OnDemand, price?.SpotAverage, price?.SpotSavingsPercent,
                price?.InterruptionBucket, InterruptionBuckets.Label(price?.InterruptionBucket), price?.AsOf,
                offering.Count, offering);
        }
    }
}
