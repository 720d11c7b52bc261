using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Petal.Garden.Service.Auth;
using Petal.Garden.Service.Grpc;
using Petal.Garden.Service.Store;

namespace Petal.Garden.Service.Hosting;

/// <summary>The garden gRPC service on Kestrel (HTTP/2 cleartext, loopback) over its store (SQLite or PostgreSQL).</summary>
public sealed class GardenServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IGardenStore _store;

    private GardenServer(WebApplication app, IGardenStore store, GardenScheduler scheduler, string address)
    {
        (_app, _store, Scheduler, Address) = (app, store, scheduler, address);
    }

    /// <summary>The largest request accepted (gRPC's default; a jobspec is far smaller, a JGF graph of a large cluster is not).</summary>
    public const int MaxMessageBytes = 4 << 20;

    public GardenScheduler Scheduler { get; }

    /// <summary>host:port the service listens on (the port actually bound when 0 was asked for).</summary>
    public string Address { get; }

    public static async Task<GardenServer> StartAsync(GardenServerOptions options, CancellationToken cancellation = default)
    {
        if (!IPAddress.IsLoopback(options.Listen.Address))
            throw new ArgumentException($"listen address {options.Listen}: the garden service speaks cleartext HTTP/2 and "
                + "binds loopback only (127.0.0.1 or ::1); put a TLS proxy in front to reach it from elsewhere");
        if (options.RegistrationSecret.Length < 8)
            throw new ArgumentException("registration secret: use at least 8 characters");
        var store = options.Database.Open();
        try
        {
            var scheduler = new GardenScheduler(store, options.Placer, HashedSecret.Of(options.RegistrationSecret),
                options.Garden, options.Time);
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.WebHost.ConfigureKestrel(k => k.Listen(options.Listen, l =>
            {
                l.Protocols = HttpProtocols.Http2;
                l.Use(next => connection => PortOnlyAuthority.HandleAsync(connection, next));
            }));
            builder.Services.AddSingleton(scheduler);
            builder.Services.AddSingleton(options.Garden);
            builder.Services.AddHostedService<LeaseSweeper>();
            builder.Services.AddHostedService<ClusterRefresher>();
            builder.Services.AddGrpc(g =>
            {
                g.Interceptors.Add<GardenErrorInterceptor>();
                g.MaxReceiveMessageSize = MaxMessageBytes;
            });
            var app = builder.Build();
            app.UseMiddleware<MalformedRequestGuard>(MaxMessageBytes,
                (IReadOnlyList<Google.Protobuf.Reflection.ServiceDescriptor>)(options.MemoryGraph
                    ? [Rainbow.RainbowScheduler.Descriptor, Api.GardenJobs.Descriptor, MemoryGraphApi.MemoryGraph.Descriptor]
                    : [Rainbow.RainbowScheduler.Descriptor, Api.GardenJobs.Descriptor]));
            app.MapGrpcService<RainbowSchedulerService>();
            app.MapGrpcService<GardenJobsService>();
            if (options.MemoryGraph) app.MapGrpcService<MemoryGraphService>();
            await app.StartAsync(cancellation);
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new GardenServer(app, store, scheduler, new Uri(bound).Authority);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public Task WaitForShutdownAsync(CancellationToken cancellation) => _app.WaitForShutdownAsync(cancellation);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _store.Dispose();
    }
}
