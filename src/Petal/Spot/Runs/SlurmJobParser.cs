using System.Globalization;
using Petal.Common;

namespace Petal.Spot.Runs;

/// <summary>Parses `scontrol show job -o ID` into a <see cref="SpotJob"/>.</summary>
public static class SlurmJobParser
{
    public static SpotJob? Parse(string id, string line)
    {
        var fields = SlurmText.Fields(line);
        if (!fields.TryGetValue("JobState", out var state)) return null;
        return new SpotJob(id, state,
            SlurmText.ExpandHostList(fields.GetValueOrDefault("NodeList", "")),
            Time(fields.GetValueOrDefault("StartTime")), Time(fields.GetValueOrDefault("EndTime")),
            int.TryParse(fields.GetValueOrDefault("Restarts"), out var r) ? r : 0);
    }

    private static DateTimeOffset? Time(string? text) =>
        text is { Length: > 0 } && DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var t)
            ? new DateTimeOffset(t)
            : null;
}
