using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Petal.Garden.Service.Hosting;

/// <summary>Brings in, every <see cref="GardenOptions.Refresh"/>, the cluster changes other replicas stored.</summary>
internal sealed class ClusterRefresher(GardenScheduler scheduler, GardenOptions options, ILogger<ClusterRefresher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Refresh);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    scheduler.Refresh();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError("refreshing clusters from the store failed ({Message}); retrying on the next tick", e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
