namespace Punctual.Engine.Signals;

/// <summary>The wake-ups other parts of the process send the loops, so nothing polls tightly.</summary>
public sealed class EngineSignals
{
    /// <summary>Jobs changed (created, rescheduled, resumed): the planner recomputes its sleep.</summary>
    public WakeSignal Planner { get; } = new();

    /// <summary>Runs became due or claimable (created, retried, a blocking run finished): the dispatcher claims.</summary>
    public WakeSignal Dispatcher { get; } = new();
}
