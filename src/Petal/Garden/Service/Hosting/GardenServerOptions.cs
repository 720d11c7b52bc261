using System.Net;
using Petal.Garden.Service.Placement;
using Petal.Garden.Service.Store;

namespace Petal.Garden.Service.Hosting;

public sealed record GardenServerOptions
{
    /// <summary>Where to listen; port 0 picks a free one. Loopback only: the API carries secrets in cleartext HTTP/2.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 50051);
    /// <summary>The store: a SQLite file or a PostgreSQL database (<see cref="GardenDatabase.Parse"/>).</summary>
    public required GardenDatabase Database { get; init; }
    public required string RegistrationSecret { get; init; }
    public required IJobPlacer Placer { get; init; }
    public GardenOptions Garden { get; init; } = new();
    public TimeProvider Time { get; init; } = TimeProvider.System;
    /// <summary>Serve rainbow's graph pre-check (service.MemoryGraph/Satisfy): which clusters can run a jobspec, to anyone who can connect.</summary>
    public bool MemoryGraph { get; init; } = true;
}
