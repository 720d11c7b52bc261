using System.Globalization;

namespace Petal.Providers.Aws.Images;

/// <summary>What the build script last said: <c>PETAL_PROGRESS &lt;pct&gt; &lt;msg&gt;</c> or <c>PETAL_ERROR &lt;msg&gt;</c>.</summary>
public sealed record BuildProgress(int Percent, string Message, string? Error = null)
{
    public static readonly BuildProgress None = new(0, "waiting for the build script");

    public bool Failed => Error is not null;
    public bool Complete => !Failed && Percent >= 100;

    /// <summary>The last progress or error line in <paramref name="text"/> (console output or a tag value), or null.</summary>
    public static BuildProgress? ParseLast(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        BuildProgress? last = null;
        foreach (var raw in text.Split('\n'))
            last = ParseLine(raw.TrimEnd('\r')) ?? last;
        return last;
    }

    public static BuildProgress? ParseLine(string line)
    {
        // Console lines carry a cloud-init or kernel prefix; the marker can sit anywhere in the line.
        var error = line.IndexOf("PETAL_ERROR", StringComparison.Ordinal);
        if (error >= 0)
            return new BuildProgress(0, "failed", line[(error + "PETAL_ERROR".Length)..].Trim() is { Length: > 0 } m ? m : "build script failed");
        var at = line.IndexOf("PETAL_PROGRESS ", StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = line[(at + "PETAL_PROGRESS ".Length)..].Trim();
        var parts = rest.Split(' ', 2);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pct)) return null;
        return new BuildProgress(Math.Clamp(pct, 0, 100), parts.Length > 1 ? parts[1].Trim() : "");
    }

    /// <summary>The more informative of two readings: an error wins, then the higher percentage.</summary>
    public static BuildProgress Merge(BuildProgress? a, BuildProgress? b)
    {
        if (a is null) return b ?? None;
        if (b is null) return a;
        if (a.Failed) return a;
        if (b.Failed) return b;
        return b.Percent >= a.Percent ? b : a;
    }
}
