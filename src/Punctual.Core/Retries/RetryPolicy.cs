namespace Punctual.Core.Retries;

/// <summary>
/// How a run is retried. <see cref="Attempts"/> counts every try, the first included.
/// Back-off grows exponentially from <see cref="BackoffMin"/> to <see cref="BackoffMax"/> with full jitter;
/// <see cref="Within"/>, when set, is a deadline from the first attempt after which the run is dead.
/// </summary>
public sealed record RetryPolicy(
    int Attempts,
    TimeSpan BackoffMin,
    TimeSpan BackoffMax,
    TimeSpan? Within,
    IReadOnlyList<int> RetryOnStatus)
{
    public const int MaxAttempts = 100;

    /// <summary>Default: 3 attempts, back-off 10s..10m, no deadline, no extra retryable statuses.</summary>
    public static readonly RetryPolicy Default = new(3, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), null, []);

    public bool Equals(RetryPolicy? other) =>
        other is not null
        && Attempts == other.Attempts
        && BackoffMin == other.BackoffMin
        && BackoffMax == other.BackoffMax
        && Within == other.Within
        && RetryOnStatus.SequenceEqual(other.RetryOnStatus);

    public override int GetHashCode() => HashCode.Combine(Attempts, BackoffMin, BackoffMax, Within, RetryOnStatus.Count);
}
