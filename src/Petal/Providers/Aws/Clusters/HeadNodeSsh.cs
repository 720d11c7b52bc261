namespace Petal.Providers.Aws.Clusters;

/// <summary>
/// Limits SSH to the head node in a rendered cluster config: <c>HeadNode.Ssh.AllowedIps</c> (ParallelCluster's
/// own head-node rule, 0.0.0.0/0 by default) and petal's SSH group in <c>HeadNode.Networking.AdditionalSecurityGroups</c>.
/// Works on the plan renderer's fixed layout (two-space indentation, HeadNode at top level).
/// </summary>
public static class HeadNodeSsh
{
    /// <param name="sshCidr">An address range already validated (System.Net.IPNetwork).</param>
    /// <param name="groups">Security group ids AWS returned.</param>
    public static string Restrict(string config, string? sshCidr, IReadOnlyList<string> groups)
    {
        var lines = config.Split('\n').ToList();
        var head = lines.IndexOf("HeadNode:");
        if (head < 0) throw new AwsFailureException("the cluster config has no HeadNode section");
        var end = lines.FindIndex(head + 1, l => l.Length > 0 && !l.StartsWith(' '));
        if (end < 0) end = lines.Count;

        void AddUnder(string section, IEnumerable<string> entries)
        {
            var at = lines.FindIndex(head + 1, end - head - 1, l => l == "  " + section + ":");
            if (at < 0)
            {
                lines.Insert(end, "  " + section + ":");
                at = end;
                end++;
            }
            var added = entries.ToList();
            lines.InsertRange(at + 1, added);
            end += added.Count;
        }

        if (groups.Count > 0)
            AddUnder("Networking", groups.Select(g => $"      - \"{g}\"").Prepend("    AdditionalSecurityGroups:"));
        if (sshCidr is not null)
            AddUnder("Ssh", [$"    AllowedIps: \"{sshCidr}\""]);
        return string.Join('\n', lines);
    }
}
