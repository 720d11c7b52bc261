using Petal.Common;
using Petal.Pcluster;

namespace Petal.Seeds.Rules;

/// <summary>
/// scheduler.accounting (ParallelCluster SlurmSettings.Database): the endpoint is host[:port] without a scheme and a
/// port in 1..65535 (DatabaseUriValidator), the user and database names are plain identifiers (they reach slurmdbd.conf
/// and SQL), and the password's secret is a Secrets Manager ARN in the cluster's own region and partition.
/// </summary>
public sealed class AccountingRule : SeedRule
{
    public const string Path = "scheduler.accounting";

    public override string Id => "SLURM-ACCOUNTING";
    public override string Summary => "scheduler.accounting: uri is host[:port] with no scheme and a port in 1..65535; user and database_name are plain identifiers; password_secret_arn is a Secrets Manager secret ARN in the cluster's region and partition.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        if (context.Seed.Scheduler.Accounting is not { } a) yield break;
        if (context.Has($"{Path}.uri") && DatabaseEndpoint.Problem(a.Uri) is { } uriProblem)
            yield return Report(context, $"{Path}.uri", $"'{a.Uri}' is not a database endpoint: {uriProblem}",
                "write host:port of the MySQL/MariaDB endpoint, e.g. slurmdb.abc123.us-east-1.rds.amazonaws.com:3306");
        if (context.Has($"{Path}.user") && !Patterns.DatabaseUser.IsMatch(a.User))
            yield return Report(context, $"{Path}.user", $"'{a.User}' is not a database user name petal accepts",
                "start with a letter or '_'; use only letters, digits and '_'; at most 32 characters");
        if (context.Has($"{Path}.database_name") && a.DatabaseName is { } db && !Patterns.DatabaseName.IsMatch(db))
            yield return Report(context, $"{Path}.database_name", $"'{db}' is not a database name slurmdbd can create",
                "start with a letter or '_'; use only letters, digits and '_'; at most 64 characters");
        if (context.Has($"{Path}.password_secret_arn") && ArnProblem(a.PasswordSecretArn, context.Seed.Cluster.Region) is { } arnProblem)
            yield return Report(context, $"{Path}.password_secret_arn", $"'{a.PasswordSecretArn}' {arnProblem}",
                "give the ARN of the Secrets Manager secret holding the password, as the Secrets Manager console shows it "
                + "(arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME), created in the cluster's region");
    }

    /// <summary>Why <paramref name="arn"/> is no Secrets Manager secret usable in <paramref name="region"/>, or null.</summary>
    public static string? ArnProblem(string arn, string region)
    {
        if (!Patterns.SecretsManagerArn.IsMatch(arn)) return "is not a Secrets Manager secret ARN";
        var parts = arn.Split(':');
        if (Patterns.Region.IsMatch(region))
        {
            if (parts[3] != region) return $"is in {parts[3]}, not in the cluster's region {region}";
            if (parts[1] != PclusterFacts.PartitionOf(region)) return $"names partition {parts[1]}; {region} is in {PclusterFacts.PartitionOf(region)}";
        }
        return null;
    }
}
