using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Punctual.Engine.Hosting;

namespace Punctual.Engine.Dispatching;

/// <summary>
/// Flushes completions: waits for the first, gives followers <see cref="EngineOptions.CompletionFlushInterval"/>
/// to join the batch, writes. On shutdown it stops last (registered first) and flushes what is left.
/// </summary>
public sealed class CompletionWriterService(
    CompletionWriter writer,
    EngineOptions options,
    TimeProvider time,
    ILogger<CompletionWriterService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await writer.WaitForWorkAsync(stoppingToken).ConfigureAwait(false))
                {
                    return;
                }

                await Task.Delay(options.CompletionFlushInterval, time, stoppingToken).ConfigureAwait(false);
                await writer.FlushAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var wait = TimeSpan.FromMilliseconds(Math.Min(30_000, 50 * Math.Pow(2, Math.Min(failures, 10))));
                logger.LogError(e, "Writing attempt completions failed ({Failures} in a row); retrying in {Wait}", failures, wait);
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Could not write the last attempt completions at shutdown; their runs will be retried after their leases expire");
        }
    }
}
