using System.Text.Json;
using System.Text.Json.Serialization;

namespace Petal.Spot.Runs;

/// <summary>Reads and writes result.json files (snake_case, like every petal JSON).</summary>
public static class ResultFiles
{
    public const string FileName = "result.json";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void Write(string path, BatchResult result)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(result, Json));
        File.Move(temp, path, overwrite: true);
    }

    public static BatchResult Read(string path) =>
        JsonSerializer.Deserialize<BatchResult>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no result");

    /// <summary>Every result.json under <paramref name="directory"/>, by experiment then batch.</summary>
    public static IReadOnlyList<BatchResult> ReadAll(string directory) =>
        Directory.EnumerateFiles(directory, FileName, SearchOption.AllDirectories)
            .Select(Read)
            .OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Batch)
            .ToList();
}
