using Petal.Common;

namespace Petal.Providers.Aws;

/// <summary>
/// A seed names its cluster's region, so every AWS call made for a seed (image build, cluster create, spot
/// run) goes there: a different region from --region, the profile or the environment would put the image,
/// VPC and bucket in another region than the cluster, so it is refused before any call (exit 2).
/// </summary>
public static class SeedRegion
{
    public static AwsConnection Apply(string seedRegion, AwsConnection connection, Func<string, string?>? environment = null)
    {
        if (AwsClients.Configured(connection, environment ?? Environment.GetEnvironmentVariable) is { } configured
            && configured.Region.SystemName != seedRegion)
            throw new UserInputException(
                $"the seed's cluster.region is {seedRegion} but {configured.Source} says {configured.Region.SystemName}: "
                + $"AWS calls for a seed go to the seed's region: drop that setting or set cluster.region: {configured.Region.SystemName} in the seed");
        return connection with { Region = seedRegion };
    }
}
