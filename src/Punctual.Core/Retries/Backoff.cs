using Punctual.Core.Scheduling;

namespace Punctual.Core.Retries;

/// <summary>
/// Exponential back-off with full jitter, bounded to [min, max]:
/// after the n-th failed attempt the ceiling is min(max, min·2^(n−1)) and the delay is uniform in [min, ceiling].
/// The draw is deterministic per (run, attempt) so a node that recomputes it gets the same answer.
/// </summary>
public static class Backoff
{
    /// <summary>Longest <c>Retry-After</c> honoured; a longer one is treated as this.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);

    public static TimeSpan Ceiling(RetryPolicy policy, int failedAttempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        var max = policy.BackoffMax.Ticks;
        var ceiling = policy.BackoffMin.Ticks;
        for (var i = 1; i < failedAttempt && ceiling < max; i++)
        {
            ceiling = ceiling > max / 2 ? max : ceiling * 2;
        }

        return TimeSpan.FromTicks(Math.Min(ceiling, max));
    }

    /// <summary>The delay before the attempt after <paramref name="failedAttempt"/> (1-based, counted within the current retry cycle).</summary>
    public static TimeSpan Delay(RetryPolicy policy, int failedAttempt, long runId, TimeSpan? retryAfter = null)
    {
        var ceiling = Ceiling(policy, failedAttempt);
        var min = policy.BackoffMin;
        var span = ceiling.Ticks - min.Ticks;
        var fraction = (StableHash.Mix((ulong)runId * 0x9E3779B97F4A7C15UL + (ulong)failedAttempt) >> 11) * (1.0 / (1UL << 53));
        var delay = TimeSpan.FromTicks(min.Ticks + (long)(span * fraction));
        if (retryAfter is { } wanted && wanted > delay)
        {
            delay = wanted > MaxRetryAfter ? MaxRetryAfter : wanted;
        }

        // Store precision is milliseconds; round up so a delay is never shorter than computed.
        var ms = (delay.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
        return TimeSpan.FromMilliseconds(ms);
    }
}
