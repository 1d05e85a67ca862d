namespace Punctual.Storage.Runs;

/// <summary>
/// Counts the backlog: runs due at <see cref="Now"/> and not claimed (pending, or failed awaiting their retry), up to
/// <see cref="Cap"/> so the count stays a bounded index read however large the backlog grows.
/// </summary>
public sealed record CountDueRequest(DateTimeOffset Now, int Cap = CountDueRequest.DefaultCap)
{
    /// <summary>Default cap: 1,000,000 runs.</summary>
    public const int DefaultCap = 1_000_000;
}
