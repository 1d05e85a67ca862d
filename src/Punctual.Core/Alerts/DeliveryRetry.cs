namespace Punctual.Core.Alerts;

/// <summary>
/// When a failed alert delivery is tried again: 10 s after the first failure, doubling up to 10 minutes, for at most
/// <see cref="MaxAttempts"/> attempts (about an hour in all); then it is given up and shows as failed.
/// </summary>
public static class DeliveryRetry
{
    public const int MaxAttempts = 10;

    private static readonly TimeSpan First = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(10);

    /// <summary>The next try after <paramref name="attempts"/> failed ones, or null to give up.</summary>
    public static DateTimeOffset? Next(int attempts, DateTimeOffset now)
    {
        if (attempts >= MaxAttempts)
        {
            return null;
        }

        var delay = TimeSpan.FromTicks((long)Math.Min(Longest.Ticks, First.Ticks * Math.Pow(2, Math.Max(0, attempts - 1))));
        return now + delay;
    }
}
