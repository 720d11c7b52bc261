namespace Petal.Providers.Local;

/// <summary>Quoting for values written into bash scripts that run as root.</summary>
public static class Bash
{
    /// <summary>Single-quotes <paramref name="value"/> so bash reads it back verbatim.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
