using Punctual.Engine.Signals;

namespace Punctual.Engine.Alerts;

/// <summary>Wakes the alert sender when messages were queued on this node, instead of waiting for its next poll.</summary>
public sealed class AlertSignals
{
    public WakeSignal Deliveries { get; } = new();

    public void DeliveriesQueued() => Deliveries.Set();
}
