namespace Punctual.Bench.Workloads;

/// <summary>Waiting on the real clock (the benchmark measures real time; TimeProvider.System is the clock).</summary>
internal static class Waiting
{
    public static async Task UntilAsync(DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var wait = instant - TimeProvider.System.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, TimeProvider.System, cancellationToken);
        }
    }

    public static Task ForAsync(TimeSpan duration, CancellationToken cancellationToken) =>
        Task.Delay(duration, TimeProvider.System, cancellationToken);
}
