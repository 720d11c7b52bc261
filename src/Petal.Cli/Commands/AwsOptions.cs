using System.CommandLine;
using Petal.Providers.Aws;

namespace Petal.Cli.Commands;

/// <summary>The --profile and --region flags every AWS command takes (the SDK's standard chain fills the rest).</summary>
public static class AwsOptions
{
    public static readonly Option<string?> Profile = new("--profile") { Description = "AWS profile (default: AWS_PROFILE or the default profile)" };
    public static readonly Option<string?> Region = new("--region") { Description = "AWS region (default: AWS_REGION or the profile's region)" };

    public static void AddTo(Command command)
    {
        command.Options.Add(Profile);
        command.Options.Add(Region);
    }

    /// <summary>Clients for the flags; for a command that reads a seed, <paramref name="seedRegion"/> is the region (see <see cref="SeedRegion"/>).</summary>
    public static AwsClients Clients(ParseResult parse, string? seedRegion = null)
    {
        var connection = new AwsConnection(parse.GetValue(Profile), parse.GetValue(Region));
        return AwsClients.Create(seedRegion is null ? connection : SeedRegion.Apply(seedRegion, connection));
    }
}
