using System.IO.Compression;
using System.Text;

namespace Petal.Catalog;

/// <summary>
/// The compact binary form of <see cref="CatalogData"/> (embedded resource and refresh cache files).
/// Layout: magic, version, a table of repeated strings, the types (7-bit integers, string-table
/// indexes, one flag byte), then per region an offerings bitset over the type order and the price
/// rows (type index, presence bits, prices in micro-dollars), length-prefixed so they can be read lazily.
/// </summary>
public static class CatalogCodec
{
    private static ReadOnlySpan<byte> Magic => "PETALCAT"u8;
    private const byte Version = 4;
    private const decimal MicroDollars = 1_000_000m;

    [Flags]
    private enum TypeFlags : byte
    {
        None = 0, Efa = 1, BareMetal = 2, CurrentGeneration = 4, Spot = 8, Burstable = 16, NoClusterPlacement = 32,
    }

    [Flags]
    private enum PriceFields : byte
    {
        None = 0, OnDemand = 1, Spot = 2, Savings = 4, Bucket = 8, AsOf = 16,
    }

    public static byte[] Encode(CatalogData data)
    {
        using var buffer = new MemoryStream();
        Write(data, buffer);
        return buffer.ToArray();
    }

    public static byte[] EncodeGzip(CatalogData data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            Write(data, gzip);
        return buffer.ToArray();
    }

    public static CatalogData DecodeGzip(Stream compressed) => ReadTablesGzip(compressed).ToData();

    public static CatalogData Read(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return ReadTables(buffer.GetBuffer(), (int)buffer.Length).ToData();
    }

    internal static CatalogTables ReadTablesGzip(Stream compressed)
    {
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        var buffer = new MemoryStream(256 * 1024);
        gzip.CopyTo(buffer);
        return ReadTables(buffer.GetBuffer(), (int)buffer.Length);
    }

    public static void Write(CatalogData data, Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);

        var strings = new StringTable(data);
        w.Write7BitEncodedInt(strings.Values.Count);
        foreach (var s in strings.Values) w.Write(s);

        var typeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        w.Write7BitEncodedInt(data.Types.Count);
        foreach (var t in data.Types)
        {
            typeIndex[t.Name] = typeIndex.Count;
            w.Write(t.Name);
            w.Write7BitEncodedInt(strings.Index(t.Architecture));
            w.Write7BitEncodedInt(t.VCpus);
            w.Write7BitEncodedInt(t.Cores);
            w.Write7BitEncodedInt(t.ThreadsPerCore);
            w.Write7BitEncodedInt(t.MinThreadsPerCore);
            w.Write7BitEncodedInt64(t.MemoryMiB);
            w.Write7BitEncodedInt(strings.Index(t.CpuManufacturer));
            w.Write7BitEncodedInt(t.GpuCount);
            w.Write7BitEncodedInt(strings.Index(t.GpuManufacturer));
            w.Write7BitEncodedInt(strings.Index(t.GpuModel));
            w.Write7BitEncodedInt64(t.GpuMemoryMiB);
            w.Write((byte)((t.EfaSupported ? TypeFlags.Efa : 0) | (t.BareMetal ? TypeFlags.BareMetal : 0)
                | (t.CurrentGeneration ? TypeFlags.CurrentGeneration : 0) | (t.SpotSupported ? TypeFlags.Spot : 0)
                | (t.Burstable ? TypeFlags.Burstable : 0) | (t.ClusterPlacementGroup ? 0 : TypeFlags.NoClusterPlacement)));
            w.Write7BitEncodedInt(strings.Index(t.Hypervisor));
            w.Write7BitEncodedInt64(t.InstanceStorageGb);
            w.Write7BitEncodedInt(strings.Index(t.NetworkPerformance));
            w.Write7BitEncodedInt(t.InferenceAcceleratorCount);
            w.Write7BitEncodedInt(strings.Index(t.InferenceAcceleratorManufacturer));
        }

        w.Write7BitEncodedInt(data.Regions.Count);
        foreach (var region in data.Regions)
        {
            w.Write(region.Name);
            w.Write(region.Offered is not null);
            if (region.Offered is not null)
            {
                var bits = new byte[(data.Types.Count + 7) / 8];
                foreach (var name in region.Offered)
                    if (typeIndex.TryGetValue(name, out var i)) bits[i >> 3] |= (byte)(1 << (i & 7));
                w.Write(bits);
            }
            // Length-prefixed, so a reader can skip a region's prices until someone asks for them.
            var block = EncodePrices(region, typeIndex, strings);
            w.Write7BitEncodedInt(block.Length);
            w.Write(block);
        }
    }

    private static byte[] EncodePrices(RegionData region, Dictionary<string, int> typeIndex, StringTable strings)
    {
        using var buffer = new MemoryStream();
        using var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true);
        var prices = region.Prices.Where(p => typeIndex.ContainsKey(p.InstanceType)).ToList();
        w.Write7BitEncodedInt(prices.Count);
        foreach (var (type, p) in prices)
        {
            w.Write7BitEncodedInt(typeIndex[type]);
            w.Write((byte)((p.OnDemand is null ? 0 : PriceFields.OnDemand) | (p.SpotAverage is null ? 0 : PriceFields.Spot)
                | (p.SpotSavingsPercent is null ? 0 : PriceFields.Savings) | (p.InterruptionBucket is null ? 0 : PriceFields.Bucket)
                | (p.AsOf is null ? 0 : PriceFields.AsOf)));
            if (p.OnDemand is { } od) w.Write7BitEncodedInt64(ToMicro(od, region.Name, type));
            if (p.SpotAverage is { } spot) w.Write7BitEncodedInt64(ToMicro(spot, region.Name, type));
            if (p.SpotSavingsPercent is { } savings) w.Write7BitEncodedInt(savings);
            if (p.InterruptionBucket is { } bucket) w.Write7BitEncodedInt(bucket);
            if (p.AsOf is not null) w.Write7BitEncodedInt(strings.Index(p.AsOf));
        }
        w.Flush();
        return buffer.ToArray();
    }

    /// <summary>Types, regions and offerings now; each region's prices when first asked for.</summary>
    internal static CatalogTables ReadTables(byte[] buffer, int length)
    {
        using var stream = new MemoryStream(buffer, 0, length, writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        if (length < Magic.Length + 1 || !r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || r.ReadByte() != Version)
            throw new InvalidDataException("not a petal catalog file (or a different version): regenerate it");

        var strings = new string[r.Read7BitEncodedInt()];
        for (var i = 0; i < strings.Length; i++) strings[i] = r.ReadString();
        string? Str(int index) => index == 0 ? null : strings[index - 1];

        var types = new InstanceTypeInfo[r.Read7BitEncodedInt()];
        for (var i = 0; i < types.Length; i++)
        {
            var name = r.ReadString();
            var arch = Str(r.Read7BitEncodedInt())!;
            var vcpus = r.Read7BitEncodedInt();
            var cores = r.Read7BitEncodedInt();
            var threads = r.Read7BitEncodedInt();
            var minThreads = r.Read7BitEncodedInt();
            var memory = r.Read7BitEncodedInt64();
            var cpu = Str(r.Read7BitEncodedInt());
            var gpus = r.Read7BitEncodedInt();
            var gpuMaker = Str(r.Read7BitEncodedInt());
            var gpuModel = Str(r.Read7BitEncodedInt());
            var gpuMemory = r.Read7BitEncodedInt64();
            var flags = (TypeFlags)r.ReadByte();
            types[i] = new InstanceTypeInfo
            {
                Name = name, Architecture = arch, VCpus = vcpus, Cores = cores, ThreadsPerCore = threads, MinThreadsPerCore = minThreads,
                MemoryMiB = memory, CpuManufacturer = cpu, GpuCount = gpus, GpuManufacturer = gpuMaker,
                GpuModel = gpuModel, GpuMemoryMiB = gpuMemory,
                EfaSupported = flags.HasFlag(TypeFlags.Efa), BareMetal = flags.HasFlag(TypeFlags.BareMetal),
                CurrentGeneration = flags.HasFlag(TypeFlags.CurrentGeneration),
                SpotSupported = flags.HasFlag(TypeFlags.Spot), Burstable = flags.HasFlag(TypeFlags.Burstable),
                Hypervisor = Str(r.Read7BitEncodedInt()),
                InstanceStorageGb = r.Read7BitEncodedInt64(),
                NetworkPerformance = Str(r.Read7BitEncodedInt()),
                ClusterPlacementGroup = !flags.HasFlag(TypeFlags.NoClusterPlacement),
                InferenceAcceleratorCount = r.Read7BitEncodedInt(),
                InferenceAcceleratorManufacturer = Str(r.Read7BitEncodedInt()),
            };
        }

        var regionCount = r.Read7BitEncodedInt();
        var regions = new string[regionCount];
        var offered = new ulong[]?[regionCount];
        var priceBlocks = new (int Offset, int Length)[regionCount];
        for (var ri = 0; ri < regionCount; ri++)
        {
            regions[ri] = r.ReadString();
            if (r.ReadBoolean())
            {
                var bytes = r.ReadBytes((types.Length + 7) / 8);
                var words = new ulong[(types.Length + 63) / 64];
                for (var b = 0; b < bytes.Length; b++) words[b >> 3] |= (ulong)bytes[b] << ((b & 7) * 8);
                offered[ri] = words;
            }
            var blockLength = r.Read7BitEncodedInt();
            priceBlocks[ri] = ((int)stream.Position, blockLength);
            stream.Position += blockLength;
        }
        return new CatalogTables(types, regions, offered,
            ri => DecodePrices(buffer, priceBlocks[ri], types.Length, strings));
    }

    private static PriceInfo?[] DecodePrices(byte[] buffer, (int Offset, int Length) block, int typeCount, string[] strings)
    {
        using var r = new BinaryReader(new MemoryStream(buffer, block.Offset, block.Length, writable: false), Encoding.UTF8);
        var prices = new PriceInfo?[typeCount];
        var count = r.Read7BitEncodedInt();
        for (var pi = 0; pi < count; pi++)
        {
            var type = r.Read7BitEncodedInt();
            var fields = (PriceFields)r.ReadByte();
            var od = fields.HasFlag(PriceFields.OnDemand) ? FromMicro(r.Read7BitEncodedInt64()) : (decimal?)null;
            var spot = fields.HasFlag(PriceFields.Spot) ? FromMicro(r.Read7BitEncodedInt64()) : (decimal?)null;
            var savings = fields.HasFlag(PriceFields.Savings) ? r.Read7BitEncodedInt() : (int?)null;
            var bucket = fields.HasFlag(PriceFields.Bucket) ? r.Read7BitEncodedInt() : (int?)null;
            var asOf = fields.HasFlag(PriceFields.AsOf) ? strings[r.Read7BitEncodedInt() - 1] : null;
            prices[type] = new PriceInfo(od, spot, savings, bucket, asOf);
        }
        return prices;
    }

    private static long ToMicro(decimal price, string region, string type)
    {
        var micro = price * MicroDollars;
        if (micro != decimal.Truncate(micro) || micro < 0)
            throw new InvalidDataException($"{region} {type}: price {price} has more than 6 decimals or is negative");
        return (long)micro;
    }

    /// <summary>Micro-dollars back to the decimal as the source printed it (no trailing zeros).</summary>
    private static decimal FromMicro(long micro)
    {
        var scale = (byte)6;
        while (scale > 0 && micro % 10 == 0) { micro /= 10; scale--; }
        return new decimal((int)(micro & 0xFFFFFFFF), (int)(micro >> 32), 0, false, scale);
    }

    /// <summary>The repeated strings (architectures, makers, models, network, dates), 1-based; 0 is null.</summary>
    private sealed class StringTable
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        public List<string> Values { get; } = [];

        public StringTable(CatalogData data)
        {
            foreach (var t in data.Types)
                foreach (var s in new[] { t.Architecture, t.CpuManufacturer, t.GpuManufacturer, t.GpuModel, t.Hypervisor, t.NetworkPerformance, t.InferenceAcceleratorManufacturer })
                    Add(s);
            foreach (var r in data.Regions)
                foreach (var p in r.Prices) Add(p.Price.AsOf);
        }

        private void Add(string? s)
        {
            if (s is null || _index.ContainsKey(s)) return;
            Values.Add(s);
            _index[s] = Values.Count;
        }

        public int Index(string? s) => s is null ? 0 : _index[s];
    }
}
