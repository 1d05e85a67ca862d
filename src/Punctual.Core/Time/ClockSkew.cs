namespace Punctual.Core.Time;

/// <summary>
/// How far this node's clock is from the database's, measured around one round trip: the database read its clock
/// somewhere between <c>sentAt</c> and <c>receivedAt</c> (this node's clock), so the skew is known to within half the
/// round trip. ADR 0001: correctness never depends on clocks agreeing, but a node far ahead would take over live
/// leases and deliver fires early, so a node refuses to start when the skew is beyond doubt larger than the limit.
/// </summary>
public sealed record ClockSkew(TimeSpan Offset, TimeSpan Uncertainty)
{
    /// <summary>Below this a skew is not worth a word: NTP keeps clocks within milliseconds.</summary>
    public static readonly TimeSpan Noticeable = TimeSpan.FromSeconds(1);

    /// <summary><see cref="Offset"/> &gt; 0: this node's clock is behind the database's.</summary>
    public static ClockSkew Measure(DateTimeOffset sentAt, DateTimeOffset receivedAt, DateTimeOffset databaseTime)
    {
        var halfTrip = receivedAt > sentAt ? (receivedAt - sentAt) / 2 : TimeSpan.Zero;
        return new ClockSkew(databaseTime - (sentAt + halfTrip), halfTrip);
    }

    /// <summary>The smallest skew the measurement allows: what is certain.</summary>
    public TimeSpan AtLeast => Abs(Offset) > Uncertainty ? Abs(Offset) - Uncertainty : TimeSpan.Zero;

    public bool Exceeds(TimeSpan limit) => AtLeast > limit;

    public string Describe() =>
        $"this node's clock is {Text(Abs(Offset))} {(Offset > TimeSpan.Zero ? "behind" : "ahead of")} the database's (±{Text(Uncertainty)})";

    private static string Text(TimeSpan value) => Durations.Format(TimeSpan.FromMilliseconds(Math.Round(value.TotalMilliseconds)));

    private static TimeSpan Abs(TimeSpan value) => value < TimeSpan.Zero ? -value : value;
}
