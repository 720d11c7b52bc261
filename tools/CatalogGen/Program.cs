using Petal.Catalog;
using Petal.Tools.CatalogGen;

// Regenerates the embedded catalog from the repository root (docs/catalog.md):
//   dotnet run --project tools/CatalogGen [-- SOURCE_DIR [OUTPUT]]
// SOURCE_DIR defaults to tests/corpora/aws (the copy CatalogDriftTests compares against), OUTPUT to the embedded resource.
if (args.Length > 2)
{
    Console.Error.WriteLine("usage: CatalogGen [SOURCE_DIR (default tests/corpora/aws)] [OUTPUT (default src/Petal/Catalog/Data/catalog.bin.gz)]");
    return 2;
}
var source = args.Length > 0 ? args[0] : Path.Combine("tests", "corpora", "aws");
var output = args.Length > 1 ? args[1] : Path.Combine("src", "Petal", "Catalog", "Data", "catalog.bin.gz");
var data = SourceData.Read(source);
var bytes = CatalogCodec.EncodeGzip(data);
File.WriteAllBytes(output, bytes);
Console.WriteLine($"{output}: {data.Types.Count} types, {data.Regions.Count} regions "
    + $"({data.Regions.Count(r => r.Offered is not null)} with offerings), "
    + $"{data.Regions.Sum(r => r.Prices.Count)} price rows, {bytes.Length:N0} bytes");
return 0;
