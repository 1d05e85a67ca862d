using Punctual.Core.Gates;

namespace Punctual.Storage.Gates;

/// <summary>
/// Gates: named ones declared by their owners, and the host gates created as jobs and tasks name a host. A gate's row
/// holds its shared state (token bucket, effective rate, Retry-After hold), updated inside claim transactions so the
/// limits hold across every node. Host gates take the limits set by <see cref="SetHostDefaultsAsync"/>.
/// </summary>
public interface IGateStore
{
    /// <summary>Every gate, ordered by name, with its backlog and in-flight counts as of <paramref name="now"/>.</summary>
    Task<IReadOnlyList<GateView>> ListAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task<GateView?> GetAsync(string name, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The gates with a backlog alert block, ordered by name, with their backlog as of <paramref name="now"/> and the due
    /// time of the run just past their threshold. One statement for all of them, whatever their number: the alerter
    /// asks at every pass on every node.
    /// </summary>
    Task<IReadOnlyList<GateBacklogAlert>> ListBacklogAlertsAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a named gate's limits (its state is kept; a changed rate takes effect at the next claim).</summary>
    Task<GateWriteResult> UpsertAsync(GateUpsertRequest request, CancellationToken cancellationToken);

    /// <summary>Deletes a named gate; refused (<see cref="GateWriteStatus.InUse"/>) while a job or waiting run names it.</summary>
    Task<GateWriteResult> DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Pauses or resumes a gate (named or host). A paused gate releases nothing; on resume it starts slow
    /// (<see cref="GateState.SlowStart"/>) so its backlog drains at the gate's limits, not in one burst.
    /// </summary>
    Task<GateWriteResult> SetPausedAsync(GatePauseRequest request, CancellationToken cancellationToken);

    /// <summary>The limits of every host gate, cluster-wide (each node writes its configured defaults at start).</summary>
    Task SetHostDefaultsAsync(GateLimits limits, DateTimeOffset now, CancellationToken cancellationToken);
}
