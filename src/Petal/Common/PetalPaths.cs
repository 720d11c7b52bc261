namespace Petal.Common;

/// <summary>XDG base directories for petal's state and cache (PETAL_STATE_DIR overrides, for tests).</summary>
public static class PetalPaths
{
    public static string StateDir =>
        Environment.GetEnvironmentVariable("PETAL_STATE_DIR") is { Length: > 0 } s
            ? s
            : Path.Combine(Xdg("XDG_STATE_HOME", ".local/state"), "petal");

    public static string CacheDir =>
        Environment.GetEnvironmentVariable("PETAL_CACHE_DIR") is { Length: > 0 } s
            ? s
            : Path.Combine(Xdg("XDG_CACHE_HOME", ".cache"), "petal");

    private static string Xdg(string variable, string fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v
            ? v
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), fallback);
}
