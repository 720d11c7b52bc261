using Petal.Providers.Aws;
using Petal.Tests.Support;

namespace Petal.Tests.Aws;

/// <summary>A test against the class's moto_server: wiped before each test, with fresh clients and a state directory.</summary>
public abstract class MotoTest(MotoServer moto) : IClassFixture<MotoServer>, IAsyncLifetime, IDisposable
{
    protected MotoServer Moto { get; } = moto;
    protected TempDirectory State { get; } = new();
    protected AwsClients Aws { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Moto.ResetAsync();
        Aws = Moto.Clients();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public virtual void Dispose()
    {
        Aws?.Dispose();
        State.Dispose();
        GC.SuppressFinalize(this);
    }
}
