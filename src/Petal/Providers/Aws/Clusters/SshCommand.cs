namespace Petal.Providers.Aws.Clusters;

/// <summary>The system <c>ssh</c> invocation for a cluster's head node.</summary>
public static class SshCommand
{
    /// <summary>The login user of ParallelCluster's official images for <paramref name="os"/>.</summary>
    public static string DefaultUser(string os) => os switch
    {
        _ when os.StartsWith("ubuntu", StringComparison.Ordinal) => "ubuntu",
        "centos7" => "centos",
        _ => "ec2-user", // alinux2, alinux2023, rhel8/9, rocky8/9
    };

    public static IReadOnlyList<string> Arguments(string host, string os, string? identityFile, IEnumerable<string> extra)
    {
        var args = new List<string>();
        if (identityFile is not null) args.AddRange(["-i", identityFile]);
        args.AddRange(["-o", "StrictHostKeyChecking=accept-new", "-l", DefaultUser(os), host]);
        args.AddRange(extra);
        return args;
    }
}
