using Petal.Catalog;
using Petal.Tools.CatalogGen;

// Regenerates the embedded catalog:
//   dotnet run --project tools/CatalogGen -- ../shared/data/aws src/Petal/Catalog/Data/catalog.bin.gz
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: CatalogGen <shared/data/aws> <output catalog.bin.gz>");
    return 2;
}
var data = SourceData.Read(args[0]);
var bytes = CatalogCodec.EncodeGzip(data);
File.WriteAllBytes(args[1], bytes);
Console.WriteLine($"{args[1]}: {data.Types.Count} types, {data.Regions.Count} regions "
    + $"({data.Regions.Count(r => r.Offered is not null)} with offerings), "
    + $"{data.Regions.Sum(r => r.Prices.Count)} price rows, {bytes.Length:N0} bytes");
return 0;
