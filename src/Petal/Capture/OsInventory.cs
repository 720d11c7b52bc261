namespace Petal.Capture;

public sealed record CapturedOs(string Id, string Version, string PrettyName, string Architecture);

/// <summary>The OS (`/etc/os-release`) and architecture (`uname -m`).</summary>
public static class OsInventory
{
    public const string Command = "uname -m; cat /etc/os-release";

    public static CapturedOs Parse(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        var arch = lines.FirstOrDefault(l => l.Length > 0 && !l.Contains('=')) ?? "x86_64";
        string Field(string key) => lines.Where(l => l.StartsWith(key + "=", StringComparison.Ordinal))
            .Select(l => l[(key.Length + 1)..].Trim('"')).FirstOrDefault() ?? "";
        return new CapturedOs(Field("ID"), Field("VERSION_ID"), Field("PRETTY_NAME"), arch);
    }
}
