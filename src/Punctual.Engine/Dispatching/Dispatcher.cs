using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Punctual.Engine.Hosting;
using Punctual.Engine.Nodes;
using Punctual.Engine.Signals;
using Punctual.Storage;
using Punctual.Storage.Runs;

namespace Punctual.Engine.Dispatching;

/// <summary>
/// Claims due runs in batches (one short transaction each) and starts their attempts outside any transaction,
/// up to <see cref="EngineOptions.MaxInFlight"/> at once. Sleeps until the next due run or a wake-up. Claims nothing
/// until this node's planner has made its first pass (<see cref="EngineSignals.HasPlanned"/>), or for at most
/// <see cref="MaxWaitForFirstPlanning"/>: a very large catch-up must not keep tasks and other jobs' runs waiting.
/// </summary>
public sealed class Dispatcher(
    IPunctualStore store,
    ClaimDecider decider,
    AttemptRunner runner,
    InFlightRegistry inFlight,
    CompletionWriter completions,
    EngineSignals signals,
    EngineOptions options,
    NodeIdentity node,
    TimeProvider time,
    ILogger<Dispatcher> logger) : IEngineLoop
{
    /// <summary>The longest this node waits for its planner's first pass before claiming anyway.</summary>
    public static readonly TimeSpan MaxWaitForFirstPlanning = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Task, byte> _attempts = new();
    private DateTimeOffset? _firstRound;
    private volatile bool _stopped;
    private volatile bool _wakeOnAttemptEnd;

    public string Name => "dispatcher";

    public WakeSignal Wake => signals.Dispatcher;

    /// <summary>Attempts started by this dispatcher that have not finished yet.</summary>
    public Task WhenAttemptsFinishedAsync() => Task.WhenAll(_attempts.Keys);

    /// <summary>Stops claiming (graceful shutdown); attempts in flight go on.</summary>
    public void StopClaiming() => _stopped = true;

    /// <summary>How much longer to wait for the planner's first pass (it wakes this loop when done); null: claim.</summary>
    private TimeSpan? WaitingForFirstPlanning(DateTimeOffset now)
    {
        if (signals.HasPlanned)
        {
            return null;
        }

        _firstRound ??= now;
        var left = MaxWaitForFirstPlanning - (now - _firstRound.Value);
        if (left <= TimeSpan.Zero)
        {
            return null;
        }

        return left < options.PollInterval ? left : options.PollInterval;
    }

    public async Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (WaitingForFirstPlanning(now) is { } wait)
        {
            return now + wait;
        }

        var free = options.MaxInFlight - inFlight.Count;
        if (_stopped || free <= 0)
        {
            return now + options.PollInterval;
        }

        // Idle cost: one cheap indexed read; a claim (a write transaction) only when something is due.
        var earliest = await store.Runs.NextDueAtAsync(DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false);
        if (earliest is not { } earliestDue || earliestDue > now)
        {
            var idleUntil = now + options.PollInterval;
            return earliest is { } next && next < idleUntil ? next : idleUntil;
        }

        var limit = Math.Min(options.ClaimBatchSize, free);
        var result = await store.Runs.ClaimDueAsync(
            new ClaimRequest(now, limit, node.Id, now + options.LeaseDuration, options.AllowCommands, completions.Settling), decider, cancellationToken).ConfigureAwait(false);
        _wakeOnAttemptEnd = result.WaitsForSlot;
        foreach (var claimed in result.Claimed)
        {
            Start(claimed);
        }

        if (result.Claimed.Count > 0 || result.Settled > 0)
        {
            logger.LogDebug("Claimed {Claimed} runs, settled {Settled} without an attempt", result.Claimed.Count, result.Settled);
        }

        if (result.Claimed.Count + result.Settled >= limit)
        {
            return time.GetUtcNow();
        }

        // A run that is due but was not claimed waits for its job's running run (its completion wakes us) or for a gate's
        // concurrency slot (the end of one of our attempts wakes us; another node's completion is seen at the next poll
        // or hint). One held back by a gate's rate or Retry-After waits until the gate can release again.
        var nextDue = await store.Runs.NextDueAtAsync(now, cancellationToken).ConfigureAwait(false);
        var wake = time.GetUtcNow() + options.PollInterval;
        foreach (var candidate in new[] { nextDue, result.GateRetryAt })
        {
            if (candidate is { } at && at < wake)
            {
                wake = at;
            }
        }

        return wake;
    }

    private void Start(ClaimedRun claimed)
    {
        // Registered before the attempt is scheduled, so the next claim already counts it against MaxInFlight.
        var entry = inFlight.Register(claimed.Run.Id, claimed.Attempt);
        var attempt = Task.Run(() => runner.RunAsync(claimed, entry));
        _attempts[attempt] = 0;
        attempt.ContinueWith(
            finished =>
            {
                _attempts.TryRemove(finished, out _);

                // A slot opened while we were full, or a gate waits for one: its attempt has ended, so it counts no
                // more (ClaimRequest.Settling), even before its completion is written.
                if (_wakeOnAttemptEnd || inFlight.Count == options.MaxInFlight - 1)
                {
                    signals.Dispatcher.Set();
                }
            },
            TaskScheduler.Default);
    }
}
