using System.Collections.Concurrent;
using Punctual.Core.Outcomes;
using Punctual.Core.Runs;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.Doubles;

/// <summary>A lease-expiry decider that settles every expired run as a lost node, the way the test scripts.</summary>
public sealed class ScriptedLeaseExpiryDecider(Func<ExpiredLeaseRow, DateTimeOffset, AttemptDecision> decide, bool pauseJob = false)
    : ILeaseExpiryDecider
{
    public ConcurrentQueue<ExpiredLeaseRow> Seen { get; } = new();

    /// <summary>Every lost attempt is retried <paramref name="retryIn"/> later.</summary>
    public static ScriptedLeaseExpiryDecider Retry(TimeSpan retryIn) =>
        new((_, now) => new AttemptDecision(RunState.Failed, now + retryIn, "node lost"));

    /// <summary>Every lost attempt kills its run.</summary>
    public static ScriptedLeaseExpiryDecider Kill(bool pauseJob = false) =>
        new((_, _) => new AttemptDecision(RunState.Dead, null, "node lost; retries exhausted"), pauseJob);

    public (AttemptResult Result, AttemptDecision Decision, bool PauseJob) Decide(ExpiredLeaseRow row, DateTimeOffset now)
    {
        Seen.Enqueue(row);
        var result = AttemptResult.Transient(ErrorClasses.NodeLost, "lease expired");
        return (result, decide(row, now), pauseJob);
    }
}
