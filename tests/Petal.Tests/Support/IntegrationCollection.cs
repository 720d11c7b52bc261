namespace Petal.Tests.Support;

/// <summary>
/// Tests that start real daemons (Slurm, munge, sshd, moto) run in this collection: one at a time, so
/// two twins never fight over the machine's two cores. Mark them [Collection(IntegrationCollection.Name)]
/// and [Trait("Category", "Integration")].
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IntegrationCollection
{
    public const string Name = "integration";
}
