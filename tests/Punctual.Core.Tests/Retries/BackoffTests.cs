using Punctual.Core.Retries;

namespace Punctual.Core.Tests.Retries;

public sealed class BackoffTests
{
    private static RetryPolicy Policy(TimeSpan min, TimeSpan max, int attempts = 10) => new(attempts, min, max, null, []);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 80)]
    [InlineData(5, 160)]
    [InlineData(6, 320)]
    [InlineData(7, 600)]
    [InlineData(8, 600)]
    [InlineData(100, 600)]
    [InlineData(int.MaxValue, 600)]
    public void Ceiling_DoublesFromMinAndCapsAtMax(int failedAttempt, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Backoff.Ceiling(RetryPolicy.Default, failedAttempt));

    [Theory]
    [InlineData(1, 3_000)]
    [InlineData(2, 6_000)]
    [InlineData(3, 10_000)]
    [InlineData(4, 10_000)]
    public void Ceiling_WhenDoublingOvershootsMax_IsMax(int failedAttempt, int expectedMilliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), Backoff.Ceiling(Policy(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)), failedAttempt));

    [Fact]
    public void Ceiling_WhenMinEqualsMax_IsConstant()
    {
        var policy = Policy(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        Assert.All(Enumerable.Range(1, 20), n => Assert.Equal(TimeSpan.FromSeconds(5), Backoff.Ceiling(policy, n)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Ceiling_BeforeAnyFailedAttempt_Throws(int failedAttempt) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Ceiling(RetryPolicy.Default, failedAttempt));

    [Fact]
    public void Delay_ForTheSameRunAndAttempt_IsTheSameEveryTime()
    {
        var first = Backoff.Delay(RetryPolicy.Default, 3, runId: 42);

        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal(first, Backoff.Delay(RetryPolicy.Default, 3, runId: 42)));
    }

    [Fact]
    public void Delay_ForTheFirstFailure_IsExactlyMin_BecauseTheCeilingIsMin()
    {
        Assert.All(Enumerable.Range(1, 50), runId => Assert.Equal(TimeSpan.FromSeconds(10), Backoff.Delay(RetryPolicy.Default, 1, runId)));
    }

    [Fact]
    public void Delay_AcrossRuns_SpreadsOverTheWholeJitterRange()
    {
        var policy = Policy(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        var delays = Enumerable.Range(1, 1_000).Select(runId => Backoff.Delay(policy, 5, runId)).ToList();

        // Attempt 5: ceiling 16 s; full jitter draws uniformly in [1 s, 16 s].
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(16)));
        Assert.True(delays.Distinct().Count() > 900);
        Assert.InRange(delays.Average(d => d.TotalSeconds), 7.5, 9.5);
        Assert.True(delays.Min() < TimeSpan.FromSeconds(2));
        Assert.True(delays.Max() > TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void Delay_ForTheSameRun_DiffersBetweenAttempts()
    {
        var policy = Policy(TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), attempts: 100);
        var fractions = Enumerable.Range(2, 30)
            .Select(n => (Backoff.Delay(policy, n, runId: 7) - policy.BackoffMin) / (Backoff.Ceiling(policy, n) - policy.BackoffMin))
            .ToList();

        Assert.True(fractions.Distinct().Count() > 25);
    }

    [Fact]
    public void Delay_IsAWholeNumberOfMilliseconds()
    {
        var policy = Policy(TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1));

        Assert.All(Enumerable.Range(1, 200), runId =>
            Assert.Equal(0, Backoff.Delay(policy, 4, runId).Ticks % TimeSpan.TicksPerMillisecond));
    }

    [Fact]
    public void Delay_WithALongerRetryAfter_WaitsForRetryAfter()
    {
        var delay = Backoff.Delay(RetryPolicy.Default, 1, runId: 1, retryAfter: TimeSpan.FromMinutes(5));

        Assert.Equal(TimeSpan.FromMinutes(5), delay);
    }

    [Fact]
    public void Delay_WithRetryAfterBeyondTheMaximumBackoff_StillHonoursIt()
    {
        var delay = Backoff.Delay(RetryPolicy.Default, 1, runId: 1, retryAfter: TimeSpan.FromHours(3));

        Assert.Equal(TimeSpan.FromHours(3), delay);
    }

    [Theory]
    [InlineData(25)]
    [InlineData(24 * 365)]
    public void Delay_WithRetryAfterLongerThanADay_IsCappedAtMaxRetryAfter(int hours)
    {
        var delay = Backoff.Delay(RetryPolicy.Default, 1, runId: 1, retryAfter: TimeSpan.FromHours(hours));

        Assert.Equal(TimeSpan.FromDays(1), Backoff.MaxRetryAfter);
        Assert.Equal(Backoff.MaxRetryAfter, delay);
    }

    [Fact]
    public void Delay_WithAShorterRetryAfter_KeepsTheBackoff()
    {
        var delay = Backoff.Delay(RetryPolicy.Default, 1, runId: 1, retryAfter: TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(10), delay);
    }

    [Fact]
    public void Delay_WithASubMillisecondRetryAfter_RoundsUp()
    {
        var delay = Backoff.Delay(RetryPolicy.Default, 1, runId: 1, retryAfter: TimeSpan.FromSeconds(30) + TimeSpan.FromTicks(1));

        Assert.Equal(TimeSpan.FromMilliseconds(30_001), delay);
    }
}
