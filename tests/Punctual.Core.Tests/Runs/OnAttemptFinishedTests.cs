using Punctual.Core.Outcomes;
using Punctual.Core.Retries;
using Punctual.Core.Runs;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Runs;

public sealed class OnAttemptFinishedTests
{
    private static readonly DateTimeOffset Now = Utc.At("2026-06-01T09:00:00Z");

    /// <summary>3 attempts, back-off 10s..10m: after the first failure the delay is exactly 10 s (the ceiling is min).</summary>
    private static AttemptFacts Facts(int attempt, int attemptBase = 0, DateTimeOffset? deadlineAt = null, RetryPolicy? retry = null) =>
        new(99, attempt, attemptBase, retry ?? RetryPolicy.Default, deadlineAt);

    private static readonly AttemptResult ServerError = AttemptResult.Transient(ErrorClasses.HttpStatus, "HTTP 503", 503);

    [Fact]
    public void OnAttemptFinished_Success_Succeeds()
    {
        var decision = RunStateMachine.OnAttemptFinished(Facts(1), AttemptResult.Success(200, "ok"), Now);

        Assert.Equal(new AttemptDecision(RunState.Succeeded, null, null), decision);
    }

    [Fact]
    public void OnAttemptFinished_SuccessOnTheLastAttempt_Succeeds() =>
        Assert.Equal(RunState.Succeeded, RunStateMachine.OnAttemptFinished(Facts(3), AttemptResult.Success(204, null), Now).State);

    [Fact]
    public void OnAttemptFinished_PermanentError_IsDeadAtOnce()
    {
        var decision = RunStateMachine.OnAttemptFinished(Facts(1), AttemptResult.Permanent(ErrorClasses.HttpStatus, "HTTP 404", 404), Now);

        Assert.Equal(RunState.Dead, decision.State);
        Assert.Null(decision.DueAt);
        Assert.Equal("permanent error: HTTP 404", decision.Error);
    }

    [Fact]
    public void OnAttemptFinished_TransientError_FailsWithTheBackoffAsDueTime()
    {
        var decision = RunStateMachine.OnAttemptFinished(Facts(1), ServerError, Now);

        Assert.Equal(new AttemptDecision(RunState.Failed, Utc.At("2026-06-01T09:00:10Z"), "HTTP 503"), decision);
    }

    [Fact]
    public void OnAttemptFinished_SecondTransientError_WaitsWithinTheDoubledCeiling()
    {
        var decision = RunStateMachine.OnAttemptFinished(Facts(2), ServerError, Now);

        Assert.Equal(RunState.Failed, decision.State);
        Assert.InRange(decision.DueAt!.Value, Now.AddSeconds(10), Now.AddSeconds(20));
    }

    [Fact]
    public void OnAttemptFinished_TransientErrorOnTheLastAttempt_IsDead()
    {
        var decision = RunStateMachine.OnAttemptFinished(Facts(3), ServerError, Now);

        Assert.Equal(RunState.Dead, decision.State);
        Assert.Null(decision.DueAt);
        Assert.Equal("retries exhausted after 3 attempt(s): HTTP 503", decision.Error);
    }

    [Fact]
    public void OnAttemptFinished_WithASingleAttemptPolicy_IsDeadAfterTheFirstFailure() =>
        Assert.Equal(RunState.Dead, RunStateMachine.OnAttemptFinished(Facts(1, retry: RetryPolicy.Default with { Attempts = 1 }), ServerError, Now).State);

    [Theory]
    // A replay starts a new cycle: attempts are counted from the base (the attempt count at the replay).
    [InlineData(4, 3, RunState.Failed)]
    [InlineData(5, 3, RunState.Failed)]
    [InlineData(6, 3, RunState.Dead)]
    [InlineData(7, 6, RunState.Failed)]
    [InlineData(9, 6, RunState.Dead)]
    public void OnAttemptFinished_AfterAReplay_CountsAttemptsFromTheBase(int attempt, int attemptBase, RunState expected) =>
        Assert.Equal(expected, RunStateMachine.OnAttemptFinished(Facts(attempt, attemptBase), ServerError, Now).State);

    [Fact]
    public void OnAttemptFinished_FirstFailureAfterAReplay_UsesTheFirstBackoffStep()
    {
        var decision = RunStateMachine.OnAttemptFinished(Facts(4, 3), ServerError, Now);

        Assert.Equal(Now.AddSeconds(10), decision.DueAt);
    }

    [Fact]
    public void OnAttemptFinished_WhenTheRetryWouldLandAfterTheDeadline_IsDead()
    {
        var decision = RunStateMachine.OnAttemptFinished(Facts(1, deadlineAt: Now.AddSeconds(5)), ServerError, Now);

        Assert.Equal(RunState.Dead, decision.State);
        Assert.Null(decision.DueAt);
        Assert.Contains("2026-06-01T09:00:05Z", decision.Error, StringComparison.Ordinal);
        Assert.Contains("retry.within", decision.Error, StringComparison.Ordinal);
        Assert.EndsWith("HTTP 503", decision.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void OnAttemptFinished_WhenTheRetryLandsExactlyOnTheDeadline_Retries()
    {
        var decision = RunStateMachine.OnAttemptFinished(Facts(1, deadlineAt: Now.AddSeconds(10)), ServerError, Now);

        Assert.Equal(new AttemptDecision(RunState.Failed, Now.AddSeconds(10), "HTTP 503"), decision);
    }

    [Fact]
    public void OnAttemptFinished_WithRetryAfter_WaitsThatLong()
    {
        var result = AttemptResult.Transient(ErrorClasses.HttpStatus, "HTTP 429", 429, retryAfter: TimeSpan.FromMinutes(2));

        var decision = RunStateMachine.OnAttemptFinished(Facts(1), result, Now);

        Assert.Equal(new AttemptDecision(RunState.Failed, Utc.At("2026-06-01T09:02:00Z"), "HTTP 429"), decision);
    }

    [Fact]
    public void OnAttemptFinished_WithAHugeRetryAfter_WaitsAtMostMaxRetryAfter()
    {
        var result = AttemptResult.Transient(ErrorClasses.HttpStatus, "HTTP 503", 503, retryAfter: TimeSpan.FromDays(30));

        var decision = RunStateMachine.OnAttemptFinished(Facts(1), result, Now);

        Assert.Equal(Utc.At("2026-06-02T09:00:00Z"), decision.DueAt);
    }

    [Fact]
    public void OnAttemptFinished_WithRetryAfterBeyondTheDeadline_IsDead()
    {
        var result = AttemptResult.Transient(ErrorClasses.HttpStatus, "HTTP 429", 429, retryAfter: TimeSpan.FromHours(2));

        var decision = RunStateMachine.OnAttemptFinished(Facts(1, deadlineAt: Now.AddHours(1)), result, Now);

        Assert.Equal(RunState.Dead, decision.State);
    }

    [Fact]
    public void OnAttemptFinished_DueTime_HasStorePrecision()
    {
        var now = Utc.At("2026-06-01T09:00:00.0004999Z");

        var decision = RunStateMachine.OnAttemptFinished(Facts(1), ServerError, now);

        Assert.Equal(Utc.At("2026-06-01T09:00:10Z"), decision.DueAt);
    }

    [Theory]
    [InlineData(ErrorClasses.Timeout)]
    [InlineData(ErrorClasses.Connection)]
    [InlineData(ErrorClasses.NodeLost)]
    public void OnAttemptFinished_NetworkFailures_AreRetriedLikeTransientStatuses(string errorClass)
    {
        var decision = RunStateMachine.OnAttemptFinished(Facts(1), AttemptResult.Transient(errorClass, "boom"), Now);

        Assert.Equal(RunState.Failed, decision.State);
        Assert.Equal("boom", decision.Error);
    }

    [Fact]
    public void OnAttemptFinished_Decisions_AreMovesTheStateMachineAllows()
    {
        Assert.True(RunStateMachine.CanMove(RunState.Running, RunState.Succeeded));
        Assert.True(RunStateMachine.CanMove(RunState.Running, RunState.Failed));
        Assert.True(RunStateMachine.CanMove(RunState.Running, RunState.Dead));
    }
}
