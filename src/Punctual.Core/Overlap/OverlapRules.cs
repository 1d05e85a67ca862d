namespace Punctual.Core.Overlap;

/// <summary>Counts of a job's active runs: <see cref="Running"/> hold a lease; <see cref="Waiting"/> are pending or failed (awaiting retry).</summary>
public readonly record struct ActiveRuns(int Running, int Waiting)
{
    public int Total => Running + Waiting;
}

public enum OverlapAction
{
    Create,
    Skip,

    /// <summary>Create the new run and cancel every active one.</summary>
    CreateAndCancelActive,
}

/// <summary>Decides whether a new fire becomes a run, given the job's active runs and overlap policy.</summary>
public static class OverlapRules
{
    public static (OverlapAction Action, string? Reason) Decide(OverlapPolicy policy, ActiveRuns active) => policy switch
    {
        OverlapPolicy.Allow => (OverlapAction.Create, null),
        OverlapPolicy.Forbid when active.Total > 0 =>
            (OverlapAction.Skip, "overlap forbid: an earlier run of this job is still active"),
        OverlapPolicy.BufferOne when active.Total >= 2 =>
            (OverlapAction.Skip, "overlap buffer_one: a run is already waiting behind the active one"),
        OverlapPolicy.Replace when active.Total > 0 => (OverlapAction.CreateAndCancelActive, null),
        _ => (OverlapAction.Create, null),
    };
}
