using System.Text.Json;
using System.Text.Json.Serialization;
using Petal.Common;

namespace Petal.Providers.Aws.Images;

/// <summary>Build records as JSON files under <c>&lt;state dir&gt;/aws/builds/&lt;id&gt;.json</c>.</summary>
public sealed class BuildStateStore(string? directory = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string Directory { get; } = directory ?? Path.Combine(PetalPaths.StateDir, "aws", "builds");

    public void Save(BuildState state)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(state.Id);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(state with { UpdatedAt = DateTimeOffset.UtcNow }, Json));
        // Rename so a reader (ami status --watch) never sees half a file.
        File.Move(temp, path, overwrite: true);
    }

    public BuildState? Load(string id)
    {
        if (!IsValidId(id)) throw new UserInputException($"'{id}' is not a build id (they look like b-20250101120000-ab12cd)");
        var path = PathOf(id);
        return File.Exists(path) ? JsonSerializer.Deserialize<BuildState>(File.ReadAllText(path), Json) : null;
    }

    public IReadOnlyList<BuildState> List() =>
        !System.IO.Directory.Exists(Directory)
            ? []
            : System.IO.Directory.GetFiles(Directory, "*.json")
                .Select(f => JsonSerializer.Deserialize<BuildState>(File.ReadAllText(f), Json)!)
                .OrderByDescending(s => s.StartedAt)
                .ToList();

    public string LogPath(string id) => Path.Combine(Directory, id + ".log");

    private string PathOf(string id) => Path.Combine(Directory, id + ".json");

    private static bool IsValidId(string id) =>
        id.Length is > 2 and < 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
