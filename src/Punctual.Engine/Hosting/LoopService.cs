using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Punctual.Engine.Hosting;

/// <summary>
/// Runs an <see cref="IEngineLoop"/> until shutdown: round, then sleep until the round's wish or a wake signal.
/// A failing round is logged and retried with growing back-off (capped at 30 s); it never stops the host.
/// </summary>
public sealed class LoopService(IEngineLoop loop, TimeProvider time, ILogger<LoopService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxFailureBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var next = await loop.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
                wait = next - time.GetUtcNow();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                wait = TimeSpan.FromMilliseconds(Math.Min(MaxFailureBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures, 10))));
                logger.LogError(e, "Loop {Loop} failed ({Failures} in a row); retrying in {Wait}", loop.Name, failures, wait);
            }

            try
            {
                if (loop.Wake is { } wake)
                {
                    await wake.WaitAsync(wait, time, stoppingToken).ConfigureAwait(false);
                }
                else if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
