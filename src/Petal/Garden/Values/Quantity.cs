using System.Globalization;

namespace Petal.Garden.Values;

/// <summary>
/// Sizes with units, in bytes. SI suffixes are powers of 1000 (kB/KB, MB, GB, TB, PB); IEC suffixes
/// are powers of 1024 (KiB, MiB, GiB, TiB, PiB); a bare K/M/G/T/P is IEC, as Slurm reads it
/// (<c>--mem=16G</c> is 16 GiB). A trailing "B" alone means bytes.
/// </summary>
public static class Quantity
{
    private static readonly (string Suffix, double Factor)[] Units =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40), ("PiB", 1L << 50),
        ("kB", 1e3), ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("PB", 1e15),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("T", 1L << 40), ("P", 1L << 50),
        ("B", 1),
    ];

    /// <summary>Parses "10GB", "16 GiB", "1.5T", "512MiB"; false when there is no unit or the number is bad.</summary>
    public static bool TryParseBytes(string text, out double bytes)
    {
        bytes = 0;
        var s = text.Trim();
        foreach (var (suffix, factor) in Units)
        {
            if (!s.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var number = s[..^suffix.Length].TrimEnd();
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0)
                return false;
            bytes = n * factor;
            return true;
        }
        return false;
    }

    /// <summary>A plain number (no unit).</summary>
    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Bytes → the shortest readable IEC form ("16 GiB", "9.3 GiB", "512 MiB").</summary>
    public static string FormatBytes(double bytes)
    {
        string[] names = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        var i = 0;
        while (bytes >= 1024 && i < names.Length - 1) { bytes /= 1024; i++; }
        return bytes.ToString(bytes == Math.Floor(bytes) ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + names[i];
    }
}
