using BenchmarkDotNet.Attributes;
using Punctual.Core.Outcomes;
using Punctual.Core.Retries;
using Punctual.Core.Runs;

namespace Punctual.Bench.Micro;

/// <summary>
/// Run transitions as the dispatcher meets them once per attempt: the claim decision, the decision after a
/// success and after a transient failure (which computes a back-off), a once-per skip, and the move table.
/// </summary>
[MemoryDiagnoser]
public class RunStateMachineBenchmarks
{
    private static readonly RetryPolicy Within = RetryPolicy.Default with { Within = TimeSpan.FromHours(6) };
    private static readonly ClaimCandidate Pending = new(42, RunState.Pending, 0, null, Within, null);
    private static readonly ClaimCandidate AlreadySucceededThisMonth = new(42, RunState.Pending, 0, null, RetryPolicy.Default, "2026-11");
    private static readonly AttemptFacts FirstAttempt = new(42, 1, 0, RetryPolicy.Default, null);
    private static readonly AttemptFacts LastAttempt = new(42, 3, 0, RetryPolicy.Default, null);
    private static readonly AttemptResult Ok = AttemptResult.Success(200, null);
    private static readonly AttemptResult Unavailable = AttemptResult.Transient(ErrorClasses.HttpStatus, "HTTP 503 Service Unavailable", 503, TimeSpan.FromSeconds(30));

    [Benchmark(Baseline = true)]
    public ClaimDecision ClaimStartsAttempt() => RunStateMachine.OnClaim(Pending, Jobs.Now);

    [Benchmark]
    public ClaimDecision ClaimSkipsOncePer() => RunStateMachine.OnClaim(AlreadySucceededThisMonth, Jobs.Now);

    [Benchmark]
    public AttemptDecision AttemptSucceeded() => RunStateMachine.OnAttemptFinished(FirstAttempt, Ok, Jobs.Now);

    [Benchmark]
    public AttemptDecision AttemptTransientRetries() => RunStateMachine.OnAttemptFinished(FirstAttempt, Unavailable, Jobs.Now);

    [Benchmark]
    public AttemptDecision AttemptTransientExhausted() => RunStateMachine.OnAttemptFinished(LastAttempt, Unavailable, Jobs.Now);

    [Benchmark]
    public bool CanMoveRunningToSucceeded() => RunStateMachine.CanMove(RunState.Running, RunState.Succeeded);
}
