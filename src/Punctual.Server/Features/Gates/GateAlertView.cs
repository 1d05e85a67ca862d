using Punctual.Core.Alerts;
using Punctual.Core.Time;

namespace Punctual.Server.Features.Gates;

/// <summary>A gate's backlog alert block as the API shows it, in the config file's words (durations as text).</summary>
public sealed record GateAlertView(int BacklogAbove, string For, IReadOnlyList<string> Channels, string? Repeat)
{
    public static GateAlertView From(GateAlertSpec alert) => new(
        alert.BacklogAbove,
        Durations.Format(alert.For),
        alert.Channels,
        alert.Repeat is { } repeat ? Durations.Format(repeat) : null);
}
