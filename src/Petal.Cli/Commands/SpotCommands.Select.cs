using System.CommandLine;
using System.Globalization;
using Petal.Catalog;
using Petal.Common;
using Petal.Providers.Aws;
using Petal.Spot.Selection;
using Spectre.Console;

namespace Petal.Cli.Commands;

public static partial class SpotCommands
{
    private static Command Select()
    {
        var vcpus = new Option<int?>("--vcpus") { Description = "Exactly this many vCPUs per instance" };
        var cores = new Option<int?>("--cores") { Description = "Exactly this many physical cores per instance" };
        var arch = new Option<string?>("--arch") { Description = "CPU architecture (default with --seed: the seed's)" };
        arch.AcceptOnlyFromAmong("x86_64", "arm64");
        var gpu = new Option<bool>("--gpu") { Description = "Only types with GPUs (without it, types without GPUs)" };
        var noGpu = new Option<bool>("--no-gpu") { Description = "Only types without GPUs (the default)" };
        var metal = new Option<bool>("--bare-metal") { Description = "Only bare-metal types" };
        var noMetal = new Option<bool>("--no-bare-metal") { Description = "No bare-metal types" };
        var hypervisor = new Option<string?>("--hypervisor") { Description = "Hypervisor" };
        hypervisor.AcceptOnlyFromAmong("nitro", "xen");
        var maxThreads = new Option<int?>("--max-threads-per-core") { Description = "Only types that can run with at most this many threads per core (EC2 ValidThreadsPerCore; 1: hyperthreading can be turned off)" };
        var minMemory = new Option<double?>("--min-memory") { Description = "At least this much memory, GiB" };
        var maxSpot = new Option<decimal?>("--max-spot-price") { Description = "At most this spot price, USD per hour" };
        var maxInterruption = new Option<string?>("--max-interruption") { Description = "Spot Advisor interruption frequency at most this bucket: " + string.Join(", ", InterruptionBuckets.Labels) };
        maxInterruption.AcceptOnlyFromAmong([.. InterruptionBuckets.Labels]);
        var region = new Option<string?>("--region") { Description = $"AWS region the prices are for (default: the seed's with --seed, else {SpotQuery.DefaultRegion})" };
        var seedFile = new Option<string?>("--seed") { Description = "Seed file (YAML): its region and architecture are the defaults" };
        var filter = new Option<int>("--filter") { Description = "N: keep the N cheapest candidates (0: all)", DefaultValueFactory = _ => 20 };
        var max = new Option<int>("--max") { Description = "M: choose M of the N", DefaultValueFactory = _ => 4 };
        var choose = new Option<SpotChoice>("--choose") { Description = "How to choose M of N: cheapest, random or diversified (families spread)", DefaultValueFactory = _ => SpotChoice.Cheapest };
        var randomSeed = new Option<int>("--random-seed") { Description = "Seed for random and diversified choices (recorded; same seed, same choice)", DefaultValueFactory = _ => 1 };
        var sort = new Option<string>("--sort") { Description = "Rank by spot-price or price-per-core", DefaultValueFactory = _ => "spot-price" };
        sort.AcceptOnlyFromAmong("spot-price", "price-per-core");
        var live = new Option<bool>("--live") { Description = "Current prices from EC2 DescribeSpotPriceHistory in --region (AWS credentials needed)" };
        var asQueue = new Option<string?>("--as-queue") { Description = "Print the chosen types as seed queue YAML named NAME" };
        var command = new Command("select", "Filter instance types by shape, rank by spot price, keep N, choose M")
        {
            vcpus, cores, arch, gpu, noGpu, metal, noMetal, hypervisor, maxThreads, minMemory, maxSpot, maxInterruption, region, seedFile,
            filter, max, choose, randomSeed, sort, live, asQueue, AwsOptions.Profile,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var catalog = EmbeddedCatalog.Default;
            var seed = parse.GetValue(seedFile) is { } file ? LoadSeed(file, catalog) : null;
            var query = new SpotQuery
            {
                Region = CatalogCommands.RequireRegion(catalog, parse.GetValue(region) ?? seed?.Cluster.Region ?? SpotQuery.DefaultRegion, pricedIsEnough: false),
                VCpus = Positive("--vcpus", parse.GetValue(vcpus)),
                Cores = Positive("--cores", parse.GetValue(cores)),
                Architecture = parse.GetValue(arch) ?? (seed is null ? null : SeedArchitecture(seed, catalog)),
                // A CPU workload unless GPUs are asked for.
                Gpu = Either("--gpu", parse.GetValue(gpu), "--no-gpu", parse.GetValue(noGpu)) ?? false,
                BareMetal = Either("--bare-metal", parse.GetValue(metal), "--no-bare-metal", parse.GetValue(noMetal)),
                Hypervisor = parse.GetValue(hypervisor),
                MaxThreadsPerCore = Positive("--max-threads-per-core", parse.GetValue(maxThreads)),
                MinMemoryGiB = parse.GetValue(minMemory) is { } m && m < 0 ? throw new UserInputException("--min-memory must be zero or more") : parse.GetValue(minMemory),
                MaxSpotPrice = parse.GetValue(maxSpot) is { } p && p <= 0 ? throw new UserInputException("--max-spot-price must be above 0") : parse.GetValue(maxSpot),
                MaxInterruptionBucket = parse.GetValue(maxInterruption) is { } worst ? InterruptionBuckets.Parse(worst) : null,
                Filter = parse.GetValue(filter) is var n and >= 0 ? n : throw new UserInputException("--filter must be zero (all) or more"),
                Max = parse.GetValue(max) is var mm and >= 1 ? mm : throw new UserInputException("--max must be 1 or more"),
                Choose = parse.GetValue(choose),
                Seed = parse.GetValue(randomSeed),
                Sort = parse.GetValue(sort) == "price-per-core" ? SpotSort.PricePerCore : SpotSort.SpotPrice,
            };
            if (query.VCpus is not null && query.Cores is not null)
                throw new UserInputException("give --vcpus or --cores, not both");
            var livePrices = parse.GetValue(live) ? await FetchLiveAsync(parse, catalog, query, cancellation) : null;
            var selection = SpotSelector.Select(catalog, query, livePrices);
            if (parse.GetValue(asQueue) is { } queueName)
                Console.Out.Write(SpotQueueYaml.Render(queueName.Trim(), selection.Chosen, catalog,
                    disableHyperthreading: query.MaxThreadsPerCore == 1));
            else if (CliOutput.IsJson(parse)) CliOutput.WriteJson(selection);
            else RenderSelection(selection);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<IReadOnlyDictionary<string, SpotPriceStats>> FetchLiveAsync(
        ParseResult parse, ICatalog catalog, SpotQuery query, CancellationToken cancellation)
    {
        var types = catalog.Query(query.ToCatalogFilter()).Select(o => o.Type.Name).ToList();
        using var clients = Clients(parse, query.Region);
        return await LiveSpotPrices.StatsAsync(clients.Ec2, types, DateTime.UtcNow, cancellation);
    }

    private static AwsClients Clients(ParseResult parse, string region) =>
        AwsClients.Create(new AwsConnection(parse.GetValue(AwsOptions.Profile), region));

    /// <summary>A seed given to `spot select`: valid, or exit 2 with every diagnostic.</summary>
    private static Seeds.Seed LoadSeed(string file, ICatalog catalog)
    {
        var loaded = Seeds.SeedLoader.Load(file, catalog);
        if (loaded.Ok) return loaded.Seed!;
        throw new UserInputException(string.Join(Environment.NewLine, loaded.Errors.Select(e => e.ToString())));
    }

    /// <summary>The architecture the seed's software is built for: its head node's (ParallelCluster builds one image for all nodes).</summary>
    private static string? SeedArchitecture(Seeds.Seed seed, ICatalog catalog) => catalog.Find(seed.Compute.HeadNode)?.Architecture;

    private static int? Positive(string option, int? value) =>
        value is <= 0 ? throw new UserInputException($"{option} must be 1 or more, not {value}") : value;

    private static bool? Either(string yes, bool yesValue, string no, bool noValue) =>
        (yesValue, noValue) switch
        {
            (true, true) => throw new UserInputException($"give {yes} or {no}, not both"),
            (true, false) => true,
            (false, true) => false,
            _ => null,
        };

    private static void RenderSelection(SpotSelection s)
    {
        var console = CliOutput.Console;
        if (s.Candidates.Count == 0)
        {
            console.MarkupLineInterpolated($"no spot-capable instance types in {s.Region} match these filters ({s.Unpriced} matched but have no spot price)");
            return;
        }
        var chosen = s.Chosen.Select(c => c.InstanceType).ToHashSet(StringComparer.Ordinal);
        var live = s.PriceSource == SpotPriceSource.Live;
        var table = new Table().Title($"{s.Candidates.Count} candidates in {s.Region}, {s.Chosen.Count} chosen ({s.Choose.ToString().ToLowerInvariant()}, random seed {s.Seed})")
            .AddColumns("", "type", "vCPUs", "cores", "memory GiB", live ? "spot $/h (min-max, AZs)" : "spot $/h (estimate)", "on-demand $/h", "savings", "interruptions");
        foreach (var c in s.Candidates)
            table.AddRow(
                chosen.Contains(c.InstanceType) ? "*" : "", c.InstanceType, Num(c.Vcpus), Num(c.Cores),
                (c.MemoryMib / 1024.0).ToString("0.##", CultureInfo.InvariantCulture),
                live ? $"{CatalogCommands.Money(c.SpotPrice)} ({CatalogCommands.Money(c.SpotMin)}-{CatalogCommands.Money(c.SpotMax)}, {c.ZoneCount})" : CatalogCommands.Money(c.SpotPrice),
                CatalogCommands.Money(c.OnDemandPrice), c.SavingsPercent is { } p ? $"{p}%" : "-",
                InterruptionBuckets.Label(c.InterruptionBucket) ?? "-");
        console.Write(table);
        console.MarkupLine(live
            ? "[grey]* chosen. Spot prices: DescribeSpotPriceHistory now, mean of each AZ's latest price[/]"
            : "[grey]* chosen. Spot prices are the catalog's estimates (on-demand × advisor savings), not live: use --live for current prices[/]");
        if (s.Unpriced > 0) console.MarkupLineInterpolated($"[grey]{s.Unpriced} matching types have no spot price and were skipped[/]");
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
