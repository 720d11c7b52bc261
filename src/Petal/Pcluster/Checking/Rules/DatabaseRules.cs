namespace Petal.Pcluster.Checking.Rules;

// Slurm accounting's database (SlurmSettings.Database), validators that need no AWS call.

public sealed class DatabaseUriValidator : ConfigRule
{
    public override string Summary => "Database.Uri is host[:port] without a protocol and with a port in 1..65535; without a port, 3306 is assumed (a warning).";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        if (c.Config.DatabaseUri is not { } uri) yield break;
        if (DatabaseEndpoint.Problem(uri) is { } problem)
            yield return Error(ConfigView.DatabaseUriPath, $"Invalid URI specified: {problem}.");
        else if (DatabaseEndpoint.Port(uri) is null)
            yield return Warning(ConfigView.DatabaseUriPath, "No port specified in the URI. Assuming the use of port 3306.");
    }
}
