using Petal.Common;

namespace Petal.Cli.Commands;

/// <summary>
/// The question a destructive command asks before it acts (delete, update). Asked only on a terminal; without one
/// (scripts, CI) the command needs --yes and says so, so nothing hangs waiting for an answer nobody can give.
/// </summary>
public static class Confirmation
{
    /// <summary>True to go ahead: --yes, or "y"/"yes" typed at the terminal.</summary>
    public static bool Confirm(bool yes, string question)
    {
        if (yes) return true;
        if (Console.IsInputRedirected)
            throw new UserInputException($"{question} There is no terminal to ask on: pass --yes to confirm; nothing was changed");
        Console.Error.Write($"{question} [y/N] ");
        var answer = Console.ReadLine()?.Trim().ToLowerInvariant();
        if (answer is "y" or "yes") return true;
        Console.Error.WriteLine("not confirmed; nothing was changed");
        return false;
    }
}
