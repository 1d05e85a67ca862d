using Punctual.Storage.Notifications;

namespace Punctual.Engine.Signals;

/// <summary>
/// The wake-ups other parts of the process send the loops, so nothing polls tightly. <see cref="JobsChanged"/> and
/// <see cref="RunsAvailable"/> also hint the other nodes of a cluster; setting <see cref="Planner"/> or
/// <see cref="Dispatcher"/> directly wakes this node only.
/// </summary>
public sealed class EngineSignals(HintPublisher hints)
{
    /// <summary>Wakes this node's planner (it recomputes its sleep).</summary>
    public WakeSignal Planner { get; } = new();

    /// <summary>Wakes this node's dispatcher (it claims).</summary>
    public WakeSignal Dispatcher { get; } = new();

    private volatile bool _planned;

    /// <summary>
    /// Whether this node's planner has made its first pass. The dispatcher waits for it: after an outage the planner
    /// must judge the missed fires against the runs the outage left waiting (overlap), as the outage forecast does,
    /// before the first claims start finishing those runs.
    /// </summary>
    public bool HasPlanned => _planned;

    /// <summary>The planner's first pass is over (done or failed: a failing planner must not hold up dispatching).</summary>
    public void Planned()
    {
        if (!_planned)
        {
            _planned = true;
            Dispatcher.Set();
        }
    }

    /// <summary>Jobs were created, rescheduled or resumed.</summary>
    public void JobsChanged()
    {
        Planner.Set();
        hints.Request(Topics.Jobs);
    }

    /// <summary>Runs became due or claimable for any node.</summary>
    public void RunsAvailable()
    {
        Dispatcher.Set();
        hints.Request(Topics.Runs);
    }
}
