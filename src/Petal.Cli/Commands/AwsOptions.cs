using System.CommandLine;
using Petal.Defaults;
using Petal.Providers.Aws;

namespace Petal.Cli.Commands;

/// <summary>
/// The --profile and --region flags every AWS command takes; unset, they come from the environment or the defaults
/// file (<see cref="UserDefaults"/>), then the SDK's standard chain fills the rest.
/// </summary>
public static class AwsOptions
{
    public static readonly Option<string?> Profile = new("--profile") { Description = "AWS profile (default: AWS_PROFILE or the default profile)" };
    public static readonly Option<string?> Region = new("--region") { Description = "AWS region (default: AWS_REGION or the profile's region)" };

    public static void AddTo(Command command)
    {
        command.Options.Add(Profile);
        command.Options.Add(Region);
    }

    /// <summary>
    /// The profile and region: flag &gt; environment &gt; defaults file. The environment's values are left to the AWS SDK,
    /// which reads them itself, so a refusal names where a region came from (AWS_REGION, not --region).
    /// </summary>
    public static AwsConnection Connection(ParseResult? parse) =>
        new(FlagOrFile("profile", parse?.GetValue(Profile)), FlagOrFile("region", parse?.GetValue(Region)));

    private static string? FlagOrFile(string key, string? flag) =>
        UserDefaults.Current.Resolve(key, flag) is { Source: DefaultSource.Flag or DefaultSource.File } value ? value.Value : null;

    /// <summary>Clients for the flags; for a command that reads a seed, <paramref name="seedRegion"/> is the region (see <see cref="SeedRegion"/>).</summary>
    public static AwsClients Clients(ParseResult parse, string? seedRegion = null)
    {
        var connection = Connection(parse);
        return AwsClients.Create(seedRegion is null ? connection : SeedRegion.Apply(seedRegion, connection));
    }
}
