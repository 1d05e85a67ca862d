using Punctual.Core.Retries;
using Punctual.Core.Time;

namespace Punctual.Core.Definitions;

/// <summary>Reads <c>retry: { attempts, backoff: "min..max", within, on_status }</c> over <see cref="RetryPolicy.Default"/>.</summary>
internal static class RetryReader
{
    public static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromDays(1);

    public static RetryPolicy? Read(ObjectReader? retry, bool present)
    {
        if (retry is null)
        {
            return present ? null : RetryPolicy.Default;
        }

        var failed = false;
        var attempts = retry.Integer("attempts", 1, RetryPolicy.MaxAttempts);
        failed |= attempts is null && retry.Has("attempts");
        var (min, max, backoffFailed) = ReadBackoff(retry);
        failed |= backoffFailed;
        var within = retry.Duration("within", TimeSpan.FromSeconds(1), TimeSpan.FromDays(365));
        failed |= within is null && retry.Has("within");
        var onStatus = retry.IntegerList("on_status", 400, 499);
        failed |= onStatus is null && retry.Has("on_status");
        retry.RejectUnknown();
        if (failed)
        {
            return null;
        }

        var defaults = RetryPolicy.Default;
        return new RetryPolicy(
            attempts ?? defaults.Attempts,
            min ?? defaults.BackoffMin,
            max ?? defaults.BackoffMax,
            within,
            onStatus ?? []);
    }

    private static (TimeSpan? Min, TimeSpan? Max, bool Failed) ReadBackoff(ObjectReader retry)
    {
        var text = retry.String("backoff", maxLength: 64);
        if (text is null)
        {
            return (null, null, retry.Has("backoff"));
        }

        var parts = text.Split("..");
        if (parts.Length != 2)
        {
            retry.Error("backoff", $"'{text}' is not a range; write min..max such as '10s..10m'");
            return (null, null, true);
        }

        if (!Durations.TryParse(parts[0], out var min, out var minError))
        {
            retry.Error("backoff", $"minimum: {minError}");
            return (null, null, true);
        }

        if (!Durations.TryParse(parts[1], out var max, out var maxError))
        {
            retry.Error("backoff", $"maximum: {maxError}");
            return (null, null, true);
        }

        if (min < MinBackoff || max > MaxBackoff)
        {
            retry.Error("backoff", $"must lie between {Durations.Format(MinBackoff)} and {Durations.Format(MaxBackoff)}");
            return (null, null, true);
        }

        if (min > max)
        {
            retry.Error("backoff", $"minimum {Durations.Format(min)} is larger than maximum {Durations.Format(max)}");
            return (null, null, true);
        }

        return (min, max, false);
    }

    public static string FormatBackoff(RetryPolicy policy) =>
        $"{Durations.Format(policy.BackoffMin)}..{Durations.Format(policy.BackoffMax)}";
}
