namespace Punctual.Core.Scheduling;

/// <summary>
/// Deterministic jitter: the same job and nominal fire time always give the same offset in
/// [0, max], so every node computes the same due instant and the nominal time stays the identity.
/// </summary>
public static class Jitter
{
    public static TimeSpan Offset(string jobName, DateTimeOffset nominalFire, TimeSpan max)
    {
        if (max <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var hash = StableHash.Of(jobName, nominalFire.ToUniversalTime().UtcTicks);
        var millis = (long)(hash % (ulong)(max.Ticks / TimeSpan.TicksPerMillisecond + 1));
        return TimeSpan.FromMilliseconds(millis);
    }
}

/// <summary>A process-independent 64-bit hash (FNV-1a then a SplitMix64 finalizer). Not for security.</summary>
internal static class StableHash
{
    public static ulong Of(string text, long salt)
    {
        const ulong offsetBasis = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offsetBasis;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * prime;
            hash = (hash ^ (byte)(c >> 8)) * prime;
        }

        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(salt >> (8 * i))) * prime;
        }

        return Mix(hash);
    }

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
