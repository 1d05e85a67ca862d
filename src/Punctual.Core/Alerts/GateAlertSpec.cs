namespace Punctual.Core.Alerts;

/// <summary>
/// A gate's <c>alert:</c> block, normalized: an incident opens while more than <see cref="BacklogAbove"/> runs are due
/// and waiting for the gate, and have been for at least <see cref="For"/> (zero: at once). <see cref="Channels"/> is
/// where it goes; <see cref="Repeat"/> re-sends an open incident's alert at that interval (null: once).
/// </summary>
public sealed record GateAlertSpec(int BacklogAbove, TimeSpan For, IReadOnlyList<string> Channels, TimeSpan? Repeat)
{
    /// <summary>Largest <c>backlog_above</c>: ten million runs.</summary>
    public const int MaxBacklogAbove = 10_000_000;

    /// <summary>Longest <c>for</c>: 30 days (like the other alert durations).</summary>
    public static readonly TimeSpan MaxFor = TimeSpan.FromDays(30);
}
