using Punctual.Core.Retries;
using Punctual.Core.Runs;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Runs;

public sealed class OnClaimTests
{
    private static readonly DateTimeOffset Now = Utc.At("2026-06-01T09:00:00Z");

    private static readonly RetryPolicy WithinSixHours = RetryPolicy.Default with { Within = TimeSpan.FromHours(6) };

    private static ClaimCandidate Candidate(
        RunState state = RunState.Pending,
        int attemptCount = 0,
        DateTimeOffset? deadlineAt = null,
        RetryPolicy? retry = null,
        string? succeededInPeriod = null) =>
        new(17, state, attemptCount, deadlineAt, retry ?? RetryPolicy.Default, succeededInPeriod);

    [Fact]
    public void OnClaim_APendingRun_StartsTheFirstAttempt()
    {
        var decision = RunStateMachine.OnClaim(Candidate(), Now);

        Assert.Equal(ClaimDecision.Start(1, null), decision);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(9, 10)]
    public void OnClaim_AFailedRun_StartsTheNextAttempt(int attemptCount, int expectedAttempt)
    {
        var decision = RunStateMachine.OnClaim(Candidate(RunState.Failed, attemptCount), Now);

        Assert.Equal(ClaimAction.Start, decision.Action);
        Assert.Equal(expectedAttempt, decision.Attempt);
        Assert.Null(decision.Reason);
    }

    [Fact]
    public void OnClaim_WhenThePeriodAlreadySucceeded_SkipsNamingThePeriod()
    {
        var decision = RunStateMachine.OnClaim(Candidate(succeededInPeriod: "2026-06"), Now);

        Assert.Equal(ClaimAction.Skip, decision.Action);
        Assert.Contains("once_per", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("2026-06", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OnClaim_AFailedRunWhosePeriodSucceededMeanwhile_IsSkipped() =>
        Assert.Equal(ClaimAction.Skip, RunStateMachine.OnClaim(Candidate(RunState.Failed, 1, succeededInPeriod: "2026-W23"), Now).Action);

    [Fact]
    public void OnClaim_PastTheDeadline_IsDeadNamingTheDeadline()
    {
        var decision = RunStateMachine.OnClaim(Candidate(RunState.Failed, 2, deadlineAt: Now.AddMilliseconds(-1), retry: WithinSixHours), Now);

        Assert.Equal(ClaimAction.Dead, decision.Action);
        Assert.Contains("2026-06-01T08:59:59.999Z", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("retry.within", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OnClaim_ExactlyAtTheDeadline_StillStarts()
    {
        var decision = RunStateMachine.OnClaim(Candidate(RunState.Failed, 2, deadlineAt: Now, retry: WithinSixHours), Now);

        Assert.Equal(ClaimDecision.Start(3, Now), decision);
    }

    [Fact]
    public void OnClaim_WhenBothOncePerAndDeadlineApply_OncePerWins() =>
        Assert.Equal(ClaimAction.Skip, RunStateMachine.OnClaim(Candidate(RunState.Failed, 1, Now.AddHours(-1), WithinSixHours, "2026-06-01"), Now).Action);

    [Fact]
    public void OnClaim_FirstClaimWithWithin_SetsTheDeadlineFromNow()
    {
        var decision = RunStateMachine.OnClaim(Candidate(retry: WithinSixHours), Now);

        Assert.Equal(ClaimDecision.Start(1, Utc.At("2026-06-01T15:00:00Z")), decision);
    }

    [Fact]
    public void OnClaim_FirstClaimWithWithin_TruncatesTheDeadlineToMilliseconds()
    {
        var now = Utc.At("2026-06-01T09:00:00.1234567Z");

        var decision = RunStateMachine.OnClaim(Candidate(retry: WithinSixHours), now);

        Assert.Equal(Utc.At("2026-06-01T15:00:00.123Z"), decision.DeadlineAt);
    }

    [Fact]
    public void OnClaim_LaterClaims_KeepTheOriginalDeadline()
    {
        var deadline = Utc.At("2026-06-01T12:00:00Z");

        var decision = RunStateMachine.OnClaim(Candidate(RunState.Failed, 1, deadline, WithinSixHours), Now);

        Assert.Equal(ClaimDecision.Start(2, deadline), decision);
    }

    [Fact]
    public void OnClaim_WithoutWithin_SetsNoDeadline() =>
        Assert.Null(RunStateMachine.OnClaim(Candidate(RunState.Failed, 1), Now).DeadlineAt);

    [Theory]
    [InlineData(RunState.Running)]
    [InlineData(RunState.Succeeded)]
    [InlineData(RunState.Dead)]
    [InlineData(RunState.Skipped)]
    [InlineData(RunState.Cancelled)]
    public void OnClaim_ARunThatIsNotClaimable_Throws(RunState state)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RunStateMachine.OnClaim(Candidate(state), Now));

        Assert.Contains(RunStates.ToText(state), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnClaim_Decisions_AreMovesTheStateMachineAllows()
    {
        foreach (var state in new[] { RunState.Pending, RunState.Failed })
        {
            Assert.True(RunStateMachine.CanMove(state, RunState.Running));
            Assert.True(RunStateMachine.CanMove(state, RunState.Skipped));
            Assert.True(RunStateMachine.CanMove(state, RunState.Dead));
        }
    }
}
