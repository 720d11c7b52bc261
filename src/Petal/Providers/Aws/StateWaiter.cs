namespace Petal.Providers.Aws;

/// <summary>Polls an AWS resource until it reaches a wanted state, fails, or the time is up. Cancellation stops the wait.</summary>
public static class StateWaiter
{
    public static async Task<string> WaitAsync(
        string what,
        Func<CancellationToken, Task<string?>> readState,
        IReadOnlyCollection<string> wanted,
        IReadOnlyCollection<string> failed,
        TimeSpan timeout,
        TimeSpan pollInterval,
        CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var state = await readState(cancellation);
            if (state is not null && wanted.Contains(state)) return state;
            if (state is not null && failed.Contains(state))
                throw new AwsFailureException($"{what} went to state '{state}' instead of {string.Join(" or ", wanted)}");
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"{what} did not reach {string.Join(" or ", wanted)} within {timeout} (last state: {state ?? "none"})");
            await Task.Delay(pollInterval, cancellation);
        }
    }
}
