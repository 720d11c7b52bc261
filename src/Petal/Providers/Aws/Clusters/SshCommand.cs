using Petal.Plans;

namespace Petal.Providers.Aws.Clusters;

/// <summary>The system <c>ssh</c> invocation for a cluster's head node.</summary>
public static class SshCommand
{
    /// <param name="user">A validated user name (Patterns.UserName), or null for the OS's login user.</param>
    public static IReadOnlyList<string> Arguments(string host, string os, string? identityFile, IEnumerable<string> extra, string? user = null)
    {
        var args = new List<string>();
        if (identityFile is not null) args.AddRange(["-i", identityFile]);
        args.AddRange(["-o", "StrictHostKeyChecking=accept-new", "-l", user ?? OsProfile.For(os).LoginUser, host]);
        args.AddRange(extra);
        return args;
    }
}
