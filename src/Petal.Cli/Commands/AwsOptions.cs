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

    /// <summary>The profile and region: flag &gt; environment &gt; defaults file.</summary>
    public static AwsConnection Connection(ParseResult? parse) =>
        new(UserDefaults.Current.Value("profile", parse?.GetValue(Profile)), UserDefaults.Current.Value("region", parse?.GetValue(Region)));

    /// <summary>Clients for the flags; for a command that reads a seed, <paramref name="seedRegion"/> is the region (see <see cref="SeedRegion"/>).</summary>
    public static AwsClients Clients(ParseResult parse, string? seedRegion = null)
    {
        var connection = Connection(parse);
        return AwsClients.Create(seedRegion is null ? connection : SeedRegion.Apply(seedRegion, connection));
    }
}
