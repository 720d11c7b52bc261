using Amazon.SecurityToken.Model;
using Petal.Catalog;
using Petal.Common;
using Petal.Plans;
using Petal.Seeds;

namespace Petal.Providers.Aws.Images;

/// <summary>From a validated seed and its plan to the build request `petal ami build` and `petal create --build` run.</summary>
public static class SeedImageBuild
{
    public const string DefaultInstanceType = "c6a.4xlarge";

    public static ImageBuildRequest Request(Seed seed, Plan plan, ICatalog catalog, string instanceType, bool force, string? bucket)
    {
        if (plan.Layout == SoftwareLayout.Shared)
            throw new UserInputException($"{seed.SourceFile}: layout shared installs the software on the head node at boot, so there is "
                + "no image to build: use layout ami, hybrid or snapshot to build once and deploy in minutes");
        var type = catalog.Find(instanceType) ?? throw new UserInputException(
            $"--instance-type {instanceType}: unknown instance type" + (catalog.Suggest(instanceType) is { Count: > 0 } s ? $" (did you mean {string.Join(", ", s)}?)" : ""));
        // Spack names arm64 "aarch64": the build instance must run the architecture the software is built for.
        var spackArch = type.Architecture == "arm64" ? "aarch64" : type.Architecture;
        if (plan.Architectures.Count > 0 && !plan.Architectures.Contains(spackArch))
            throw new UserInputException($"--instance-type {instanceType} is {type.Architecture} but the software is built for "
                + $"{string.Join(", ", plan.Architectures)}: pick a build instance type of that architecture");
        return PlanRequests.Image(plan, seed, instanceType, type.Architecture, force, bucket);
    }

    /// <summary>petal's bucket in the caller's account, for a build script over the user-data limit.</summary>
    public static async Task<string> BucketAsync(AwsClients aws, CancellationToken cancellation) =>
        PetalBucket.NameFor((await aws.Sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellation)).Account, aws.Region);
}
