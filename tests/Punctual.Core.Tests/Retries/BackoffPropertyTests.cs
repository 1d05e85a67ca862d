using System.Numerics;
using CsCheck;
using Punctual.Core.Retries;

namespace Punctual.Core.Tests.Retries;

public sealed class BackoffPropertyTests
{
    private const long MaxMilliseconds = 86_400_000;

    /// <summary>Policies as the config reader allows them: whole milliseconds, 10 ms ≤ min ≤ max ≤ 1 day.</summary>
    private static readonly Gen<RetryPolicy> Policies =
        from min in Gen.Long[10, MaxMilliseconds]
        from max in Gen.Long[min, MaxMilliseconds]
        from attempts in Gen.Int[1, RetryPolicy.MaxAttempts]
        select new RetryPolicy(attempts, TimeSpan.FromMilliseconds(min), TimeSpan.FromMilliseconds(max), null, []);

    /// <summary>min(max, min·2^(n−1)), computed without overflow.</summary>
    private static TimeSpan ExpectedCeiling(RetryPolicy policy, int failedAttempt)
    {
        var doubled = new BigInteger(policy.BackoffMin.Ticks) * BigInteger.Pow(2, failedAttempt - 1);
        return TimeSpan.FromTicks((long)BigInteger.Min(doubled, policy.BackoffMax.Ticks));
    }

    [Fact]
    public void Ceiling_IsMinDoubledPerFailureCappedAtMax()
    {
        Gen.Select(Policies, Gen.Int[1, 200]).Sample((policy, attempt) =>
            Assert.Equal(ExpectedCeiling(policy, attempt), Backoff.Ceiling(policy, attempt)), iter: 5_000);
    }

    [Fact]
    public void Ceiling_NeverShrinksAsFailuresGrow()
    {
        Gen.Select(Policies, Gen.Int[1, 199]).Sample((policy, attempt) =>
            Assert.True(Backoff.Ceiling(policy, attempt + 1) >= Backoff.Ceiling(policy, attempt)), iter: 2_000);
    }

    [Fact]
    public void Delay_IsAlwaysWithinMinAndCeiling_AndDeterministic()
    {
        Gen.Select(Policies, Gen.Int[1, 200], Gen.Long).Sample((policy, attempt, runId) =>
        {
            var delay = Backoff.Delay(policy, attempt, runId);

            Assert.InRange(delay, policy.BackoffMin, ExpectedCeiling(policy, attempt));
            Assert.Equal(delay, Backoff.Delay(policy, attempt, runId));
        }, iter: 5_000);
    }

    [Fact]
    public void Delay_WithRetryAfter_IsAtLeastTheCappedRetryAfter_AndNeverMoreThanNeeded()
    {
        var retryAfters = Gen.Long[0, 3 * MaxMilliseconds].Select(TimeSpan.FromMilliseconds);

        Gen.Select(Policies, Gen.Int[1, 200], Gen.Long, retryAfters).Sample((policy, attempt, runId, retryAfter) =>
        {
            var plain = Backoff.Delay(policy, attempt, runId);
            var delay = Backoff.Delay(policy, attempt, runId, retryAfter);
            var honoured = retryAfter > Backoff.MaxRetryAfter ? Backoff.MaxRetryAfter : retryAfter;

            Assert.Equal(plain > honoured ? plain : honoured, delay);
            Assert.True(delay <= Backoff.MaxRetryAfter);
        }, iter: 5_000);
    }
}
