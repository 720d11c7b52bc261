using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Runtime;
using Petal.Catalog;
using Petal.Catalog.Refresh;
using Ec2 = Amazon.EC2.Model;

namespace Petal.Tools.CatalogGen;

/// <summary>
/// Reads tests/corpora/aws or a newer copy of it (see its SOURCES.md) into <see cref="CatalogData"/>: moto's
/// DescribeInstanceTypes dump, its per-region offerings, and the on-demand and spot TSVs.
/// Priced types moto does not describe are skipped: without specs they cannot be validated or filtered.
/// </summary>
public static class SourceData
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new ConstantClassConverter() } };

    public static CatalogData Read(string directory)
    {
        var types = ReadTypes(Path.Combine(directory, "instance-types.json.gz"));
        var known = types.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var offerings = ReadOfferings(Path.Combine(directory, "offerings", "region"));
        var prices = ReadPrices(Path.Combine(directory, "ondemand-prices.tsv"), Path.Combine(directory, "spot-prices.tsv"), known);

        var regions = offerings.Keys.Union(prices.Keys).Order(StringComparer.Ordinal)
            .Select(r => new RegionData(
                r,
                offerings.GetValueOrDefault(r)?.Where(known.Contains).Order(StringComparer.Ordinal).ToList(),
                prices.TryGetValue(r, out var p) ? p.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => new RegionPrice(x.Key, x.Value)).ToList() : []))
            .ToList();
        return new CatalogData(types, regions);
    }

    private static List<InstanceTypeInfo> ReadTypes(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var raw = JsonSerializer.Deserialize<Dictionary<string, Ec2.InstanceTypeInfo>>(gzip, Json)
            ?? throw new InvalidDataException($"{path}: empty");
        return raw.Values.Select(Ec2InstanceTypeMapper.ToInstanceTypeInfo).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, List<string>> ReadOfferings(string directory)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.json.gz"))
        {
            using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            var rows = JsonSerializer.Deserialize<List<Ec2.InstanceTypeOffering>>(gzip, Json) ?? [];
            foreach (var row in rows)
            {
                if (!result.TryGetValue(row.Location, out var list)) result[row.Location] = list = [];
                list.Add(row.InstanceType.Value);
            }
        }
        return result;
    }

    private static Dictionary<string, Dictionary<string, PriceInfo>> ReadPrices(string onDemandPath, string spotPath, HashSet<string> known)
    {
        var result = new Dictionary<string, Dictionary<string, PriceInfo>>(StringComparer.Ordinal);
        PriceInfo Row(string region, string type)
        {
            if (!result.TryGetValue(region, out var byType)) result[region] = byType = new(StringComparer.Ordinal);
            return byType.GetValueOrDefault(type) ?? new PriceInfo(null, null, null, null, null);
        }
        void Set(string region, string type, PriceInfo price) => result[region][type] = price;

        // Columns: region, instance_type, usd_per_hour, as_of.
        foreach (var f in Rows(onDemandPath).Where(f => known.Contains(f[1])))
            Set(f[0], f[1], Row(f[0], f[1]) with { OnDemand = Decimal(f[2]), AsOf = f[3] });
        // Columns: region, instance_type, spot_avg_usd_per_hour, spot_min, spot_max, interruption_bucket, savings_pct.
        foreach (var f in Rows(spotPath).Where(f => known.Contains(f[1])))
            Set(f[0], f[1], Row(f[0], f[1]) with
            {
                SpotAverage = f[2].Length == 0 ? null : Decimal(f[2]),
                InterruptionBucket = f[5].Length == 0 ? null : int.Parse(f[5], CultureInfo.InvariantCulture),
                SpotSavingsPercent = f[6].Length == 0 ? null : int.Parse(f[6], CultureInfo.InvariantCulture),
            });
        return result;
    }

    private static IEnumerable<string[]> Rows(string path) =>
        File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'));

    private static decimal Decimal(string s) => decimal.Parse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>AWS SDK enums (InstanceType, InstanceTypeHypervisor, ...) are ConstantClass subclasses built from their string.</summary>
    private sealed class ConstantClassConverter : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeof(ConstantClass).IsAssignableFrom(typeToConvert);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

        private sealed class Converter<T> : JsonConverter<T> where T : ConstantClass
        {
            public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                (T)Activator.CreateInstance(typeof(T), reader.GetString()!)!;

            public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
                writer.WriteStringValue(value.Value);
        }
    }
}
