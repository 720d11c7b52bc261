using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Petal.Garden.Service.Hosting;

/// <summary>Periodically places again the jobs whose lease lapsed and the jobs still waiting for a cluster.</summary>
internal sealed class LeaseSweeper(GardenScheduler scheduler, GardenOptions options, ILogger<LeaseSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromTicks(Math.Clamp(options.Lease.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(5).Ticks));
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (scheduler.PlaceLapsedAndWaiting() is > 0 and var placed)
                        log.LogInformation("placed {Count} job(s) again", placed);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "lease sweep failed; retrying on the next tick");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
