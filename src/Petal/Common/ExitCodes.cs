namespace Petal.Common;

/// <summary>The exit codes every petal command uses.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Something failed at run time (a daemon, AWS, a job).</summary>
    public const int Failure = 1;
    /// <summary>The user's input is invalid; nothing was changed.</summary>
    public const int InvalidInput = 2;
    /// <summary>The user interrupted the command (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
