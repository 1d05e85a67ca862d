using Punctual.Core.Alerts;
using Punctual.Core.Gates;

namespace Punctual.Storage.Gates;

/// <summary>
/// A gate with its counts: <see cref="Backlog"/> runs due and waiting for it, <see cref="Waiting"/> runs not yet due,
/// <see cref="InFlight"/> runs it has released that are still running. <see cref="Limits"/> are the host defaults for a
/// host gate. <see cref="State"/> is null until the gate first released something. <see cref="Alert"/>: a named gate's
/// backlog alert block, null when it has none (host gates never have one).
/// </summary>
public sealed record GateView(
    string Name,
    bool IsHostGate,
    GateLimits Limits,
    bool Paused,
    GateState? State,
    int Backlog,
    int Waiting,
    int InFlight,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    GateAlertSpec? Alert = null);

/// <summary>A gate with a backlog alert block, and the facts about its backlog its alert decides by.</summary>
public sealed record GateBacklogAlert(string Name, GateAlertSpec Alert, GateBacklogFacts Facts);

public sealed record GateUpsertRequest(GateDefinition Gate, DateTimeOffset Now);

public sealed record GatePauseRequest(string Name, bool Paused, DateTimeOffset Now);

public enum GateWriteStatus
{
    Created,
    Updated,
    Done,
    NotFound,

    /// <summary>A job or a waiting run still names the gate; nothing was written.</summary>
    InUse,
}

/// <summary>The outcome of a gate write; <see cref="UsedBy"/> names (some of) the jobs that hold an <see cref="GateWriteStatus.InUse"/> gate.</summary>
public sealed record GateWriteResult(GateWriteStatus Status, IReadOnlyList<string> UsedBy)
{
    public static readonly GateWriteResult NotFound = new(GateWriteStatus.NotFound, []);
}
