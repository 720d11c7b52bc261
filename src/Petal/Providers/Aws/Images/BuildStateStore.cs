using Petal.Common;

namespace Petal.Providers.Aws.Images;

/// <summary>Build records as JSON files under <c>&lt;state dir&gt;/aws/builds/&lt;id&gt;.json</c> (see <see cref="JsonRecordStore{T}"/>).</summary>
public sealed class BuildStateStore
{
    private readonly JsonRecordStore<BuildState> _records;

    public BuildStateStore(string? directory = null)
    {
        Directory = directory ?? Path.Combine(PetalPaths.StateDir, "aws", "builds");
        _records = JsonRecordStore<BuildState>.InDirectory("image build", Directory, CheckId, (id, s) => s with { Id = id });
    }

    public string Directory { get; }

    /// <summary>Written whole (a reader such as `ami status --watch` never sees half a file), stamped with the time.</summary>
    public void Save(BuildState state) => _records.Save(state.Id, state with { UpdatedAt = DateTimeOffset.UtcNow });

    public BuildState? Load(string id) => _records.Load(id);

    /// <summary>Readable builds, newest first (a damaged record is skipped).</summary>
    public IReadOnlyList<BuildState> List() => [.. _records.List().Records.OrderByDescending(s => s.StartedAt)];

    /// <summary>Held while a build runs: a second build of the same id is refused, naming the first.</summary>
    public IDisposable Lock(string id, string activity) => _records.Lock(id, activity);

    public string LogPath(string id) => Path.Combine(Directory, id + ".log");

    private static void CheckId(string id)
    {
        if (!IsValidId(id)) throw new UserInputException($"'{id}' is not a build id (they look like b-20250101120000-ab12cd)");
    }

    private static bool IsValidId(string id) =>
        id.Length is > 2 and < 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
