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

    public static AwsClients Clients(ParseResult parse) =>
        AwsClients.Create(new AwsConnection(parse.GetValue(Profile), parse.GetValue(Region)));
}
