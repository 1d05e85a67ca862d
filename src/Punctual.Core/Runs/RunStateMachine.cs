using Punctual.Core.Outcomes;
using Punctual.Core.Retries;
using Punctual.Core.Time;

namespace Punctual.Core.Runs;

/// <summary>
/// The one place that decides how a run's state changes (docs/state-machine.md). Stores apply these
/// decisions with guards on the expected state, so a decision made on stale facts changes nothing.
/// </summary>
public static class RunStateMachine
{
    private static readonly Dictionary<RunState, RunState[]> Moves = new()
    {
        [RunState.Pending] = [RunState.Running, RunState.Skipped, RunState.Dead, RunState.Cancelled],
        [RunState.Running] = [RunState.Succeeded, RunState.Failed, RunState.Dead, RunState.Cancelled, RunState.Pending],
        [RunState.Failed] = [RunState.Running, RunState.Skipped, RunState.Dead, RunState.Cancelled],
        [RunState.Dead] = [RunState.Pending],
        [RunState.Cancelled] = [RunState.Pending],
        [RunState.Succeeded] = [],
        [RunState.Skipped] = [],
    };

    /// <summary>States a run may be created in.</summary>
    public static readonly IReadOnlyList<RunState> InitialStates = [RunState.Pending, RunState.Skipped];

    public static bool CanMove(RunState from, RunState to) => Moves[from].Contains(to);

    public static IEnumerable<(RunState From, RunState To)> AllMoves =>
        Moves.SelectMany(pair => pair.Value.Select(to => (pair.Key, to)));

    /// <summary>States from which a run can be cancelled.</summary>
    public static bool CanCancel(RunState state) => CanMove(state, RunState.Cancelled);

    /// <summary>States from which a run can be replayed (a new attempt with the same idempotency key).</summary>
    public static bool CanReplay(RunState state) => state is RunState.Dead or RunState.Cancelled;

    /// <summary>Decides what a claim does with a due run: start an attempt, or settle it without one.</summary>
    public static ClaimDecision OnClaim(ClaimCandidate candidate, DateTimeOffset now)
    {
        if (!RunStates.IsClaimable(candidate.State))
        {
            throw new InvalidOperationException($"Run {candidate.RunId} is {RunStates.ToText(candidate.State)}; only pending and failed runs are claimed.");
        }

        if (candidate.SucceededInPeriod is { } period)
        {
            return ClaimDecision.Skip($"once_per: period {period} already has a succeeded run");
        }

        if (candidate.DeadlineAt is { } deadline && now > deadline)
        {
            return ClaimDecision.Dead($"retry deadline passed at {Instants.Format(deadline)} (retry.within)");
        }

        var deadlineAt = candidate.DeadlineAt
            ?? (candidate.Retry.Within is { } within ? Instants.ToStorePrecision(now + within) : null);
        return ClaimDecision.Start(candidate.AttemptCount + 1, deadlineAt);
    }

    /// <summary>Decides the run's next state after an attempt ended with <paramref name="result"/>.</summary>
    public static AttemptDecision OnAttemptFinished(AttemptFacts facts, AttemptResult result, DateTimeOffset now)
    {
        switch (result.Outcome)
        {
            case AttemptOutcome.Succeeded:
                return new AttemptDecision(RunState.Succeeded, null, null);
            case AttemptOutcome.Permanent:
                return new AttemptDecision(RunState.Dead, null, $"permanent error: {result.Error}");
        }

        var attemptsInCycle = facts.Attempt - facts.AttemptBase;
        if (attemptsInCycle >= facts.Retry.Attempts)
        {
            return new AttemptDecision(RunState.Dead, null, $"retries exhausted after {attemptsInCycle} attempt(s): {result.Error}");
        }

        var delay = Backoff.Delay(facts.Retry, attemptsInCycle, facts.RunId, result.RetryAfter);
        var due = Instants.ToStorePrecision(now + delay);
        if (facts.DeadlineAt is { } deadline && due > deadline)
        {
            return new AttemptDecision(RunState.Dead, null, $"retry deadline {Instants.Format(deadline)} (retry.within) leaves no room for another attempt: {result.Error}");
        }

        return new AttemptDecision(RunState.Failed, due, result.Error);
    }
}

/// <summary>The facts a claim decides on. <see cref="SucceededInPeriod"/> is the once-per period label when that period already succeeded.</summary>
public sealed record ClaimCandidate(
    long RunId,
    RunState State,
    int AttemptCount,
    DateTimeOffset? DeadlineAt,
    RetryPolicy Retry,
    string? SucceededInPeriod);

public enum ClaimAction
{
    Start,
    Skip,
    Dead,
}

/// <summary>Start attempt <see cref="Attempt"/> (setting the run's deadline), or settle the run with <see cref="Reason"/>.</summary>
public sealed record ClaimDecision(ClaimAction Action, int Attempt, DateTimeOffset? DeadlineAt, string? Reason)
{
    public static ClaimDecision Start(int attempt, DateTimeOffset? deadlineAt) => new(ClaimAction.Start, attempt, deadlineAt, null);

    public static ClaimDecision Skip(string reason) => new(ClaimAction.Skip, 0, null, reason);

    public static ClaimDecision Dead(string reason) => new(ClaimAction.Dead, 0, null, reason);
}

/// <summary>The facts about a finished attempt that retry decisions need. <see cref="AttemptBase"/> is the attempt count when the current retry cycle began (0, or the count at the last replay).</summary>
public sealed record AttemptFacts(long RunId, int Attempt, int AttemptBase, RetryPolicy Retry, DateTimeOffset? DeadlineAt);

/// <summary>The run's next state; <see cref="DueAt"/> is the retry time when <see cref="State"/> is failed.</summary>
public sealed record AttemptDecision(RunState State, DateTimeOffset? DueAt, string? Error);
