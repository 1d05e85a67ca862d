using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Punctual.Core.Time;
using Punctual.Engine.Hosting;
using Punctual.Storage;

namespace Punctual.Engine.Nodes;

/// <summary>
/// At start, before any loop runs, compares this node's clock with the database's (ADR 0001). A skew over
/// <see cref="EngineOptions.MaxClockSkew"/> stops the start with an error naming it: a node far ahead would take over
/// live leases and deliver fires early. A smaller but noticeable skew is logged as a warning. Stores without a clock
/// of their own (SQLite) have nothing to compare.
/// </summary>
public sealed class ClockSkewCheckService(IPunctualStore store, EngineOptions options, TimeProvider time, ILogger<ClockSkewCheckService> logger)
    : IHostedService
{
    /// <summary>Readings taken; the tightest one counts (the first pays for opening a connection, a busy machine stalls some).</summary>
    private const int Readings = 3;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ClockSkew? skew = null;
        for (var i = 0; i < Readings; i++)
        {
            var sentAt = time.GetUtcNow();
            if (await store.Nodes.ReadClockAsync(cancellationToken) is not { } reading)
            {
                return;
            }

            var measured = ClockSkew.Measure(sentAt, time.GetUtcNow(), reading);
            if (skew is null || measured.Uncertainty < skew.Uncertainty)
            {
                skew = measured;
            }
        }

        if (skew!.Exceeds(options.MaxClockSkew))
        {
            throw new InvalidOperationException(
                $"Refusing to start: {skew.Describe()}, more than MaxClockSkew ({Durations.Format(options.MaxClockSkew)}). " +
                "Synchronise this machine's clock (NTP) and start again.");
        }

        if (skew.Exceeds(ClockSkew.Noticeable))
        {
            logger.LogWarning("Clock skew: {Skew}. Leases and due times shift by that much; keep clocks synchronised (NTP)", skew.Describe());
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
