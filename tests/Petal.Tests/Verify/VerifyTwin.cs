using Petal.Catalog;
using Petal.Providers;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Tests.Support;
using Petal.Verify;

namespace Petal.Tests.Verify;

/// <summary>A local twin grown from a library seed for the workload tests; deleted on dispose, even when the test fails.</summary>
public sealed class VerifyTwin : IAsyncDisposable
{
    private readonly LocalProvider _provider;

    private VerifyTwin(LocalProvider provider, string name, Seed seed)
    {
        _provider = provider;
        Name = name;
        Seed = seed;
    }

    public string Name { get; }
    public Seed Seed { get; }
    public LocalTwin Twin => LocalProvider.Open(Name);
    public VerifyTarget Target => VerifyTargets.For(new ClusterRegistry(EmbeddedCatalog.Default).Open(Name), Seed);

    /// <summary>Grows seeds/examples/<paramref name="example"/>.yaml under a name unique to this test process.</summary>
    public static async Task<VerifyTwin> CreateAsync(string example, string tag, LocalCreateOptions? options = null)
    {
        var loaded = SeedLoader.Load(Path.Combine(RepoPaths.Seeds, "examples", example + ".yaml"), EmbeddedCatalog.Default);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Diagnostics));
        var name = TestNames.Unique("v" + tag);
        var provider = new LocalProvider(EmbeddedCatalog.Default, options);
        try
        {
            await provider.CreateAsync(loaded.Seed!, new ClusterCreateRequest(name), null, CancellationToken.None);
        }
        catch
        {
            await provider.DeleteAsync(name, null, CancellationToken.None);
            throw;
        }
        return new VerifyTwin(provider, name, loaded.Seed!);
    }

    /// <summary>PETAL_TEST_KEEP_TWIN=1 keeps the twin for debugging by hand (petal delete removes it later).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("PETAL_TEST_KEEP_TWIN") != "1")
            await _provider.DeleteAsync(Name, null, CancellationToken.None);
    }
}
