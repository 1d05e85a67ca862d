using Microsoft.Extensions.Logging;
using Punctual.Core.Outcomes;
using Punctual.Core.Runs;
using Punctual.Engine.Nodes;
using Punctual.Engine.Specs;
using Punctual.Engine.Targets;
using Punctual.Engine.Telemetry;
using Punctual.Storage.Runs;

namespace Punctual.Engine.Dispatching;

/// <summary>
/// Runs one claimed attempt outside any transaction: send it, decide the run's next state with the state machine,
/// and hand the fenced completion to the <see cref="CompletionWriter"/>.
/// </summary>
public sealed class AttemptRunner(
    TargetRouter target,
    SpecCache specs,
    CompletionWriter completions,
    NodeIdentity node,
    EngineMetrics metrics,
    TimeProvider time,
    ILogger<AttemptRunner> logger)
{
    /// <summary>Runs the attempt; <paramref name="entry"/> is its place in the in-flight registry, disposed here when it ends.</summary>
    public async Task RunAsync(ClaimedRun claimed, InFlightRegistry.Entry entry)
    {
        var run = claimed.Run;
        using var _ = entry;

        // Every entry logged during the attempt (here, in the targets, in the store) carries these, so structured
        // logs can be filtered by run, job or attempt.
        using var scope = logger.BeginScope(new AttemptLogScope(run.Id, run.JobName, claimed.Attempt));
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        metrics.AttemptStarted(run.Origin, claimed.Attempt, now - run.ScheduledFor, now - run.DueAt);
        AttemptResult result;
        var governing = specs.Governing(claimed.SpecJson, claimed.IsTaskSpec);
        try
        {
            var request = new AttemptRequest(
                run.Id,
                claimed.Attempt,
                run.IdempotencyKey,
                run.ScheduledFor,
                run.Period,
                governing.Target,
                run.BodyOverrideJson,
                governing.Timeout,
                governing.Retry.RetryOnStatus);
            result = await target.SendAsync(request, entry.Token).ConfigureAwait(false);
            if (entry.AbortReason is { } reason && result.ErrorClass == ErrorClasses.Cancelled)
            {
                result = result with { Error = $"attempt stopped: {reason}" };
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Attempt {Attempt} of run {RunId} failed inside Punctual", claimed.Attempt, run.Id);
            result = AttemptResult.Transient(ErrorClasses.Internal, $"internal error: {e.GetType().Name}");
        }

        var finished = time.GetUtcNow();
        var decision = RunStateMachine.OnAttemptFinished(
            new AttemptFacts(run.Id, claimed.Attempt, run.AttemptBase, governing.Retry, run.DeadlineAt),
            result,
            finished);
        var pauseJob = decision.State == RunState.Dead && governing.Job?.PauseOnFailure == true;
        metrics.AttemptFinished(run.JobName, result, time.GetElapsedTime(started), decision.State);
        LogOutcome(run, claimed.Attempt, result, decision);
        completions.Enqueue(new AttemptCompletion(
            run.Id, claimed.Attempt, node.Id, finished, result, decision.State, decision.DueAt, decision.Error, pauseJob));
    }

    private void LogOutcome(RunRecord run, int attempt, AttemptResult result, AttemptDecision decision)
    {
        if (result.Outcome == AttemptOutcome.Succeeded)
        {
            logger.LogDebug("Run {RunId} ({Key}) attempt {Attempt} succeeded with {Status}", run.Id, run.IdempotencyKey, attempt, result.StatusCode);
        }
        else
        {
            logger.LogWarning(
                "Run {RunId} ({Key}) attempt {Attempt} failed ({ErrorClass}: {Error}); run is now {State}",
                run.Id, run.IdempotencyKey, attempt, result.ErrorClass, result.Error, RunStates.ToText(decision.State));
        }
    }
}
