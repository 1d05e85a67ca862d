using Punctual.Core.Overlap;
using Punctual.Core.Runs;
using Punctual.Core.Time;

namespace Punctual.Core.Planning;

/// <summary>Accumulates one job's plan: applies overlap to each new run and bounds the rows written for skipped fires.</summary>
internal sealed class PlanBuilder(DueJob job, PlannerOptions options)
{
    private readonly List<PlannedRun> _runs = [];
    private ActiveRuns _active = job.Active;
    private bool _cancelActive;
    private long _missed;
    private int _skippedRows;
    private int _summaryIndex = -1;

    public int RunsCounted { get; private set; } = job.RunsCounted;

    /// <summary>Runs created so far in this pass (pending or skipped by overlap).</summary>
    public int Runs { get; private set; }

    /// <param name="catchUp">A missed fire under catch_up all: it is queued whatever the overlap policy says.</param>
    public void AddRun(DateTimeOffset fire, DateTimeOffset due, bool catchUp = false)
    {
        Runs++;
        var (action, reason) = catchUp ? (OverlapAction.Create, null) : OverlapRules.Decide(job.Definition.Overlap, _active);
        if (action == OverlapAction.Skip)
        {
            _runs.Add(Planned(fire, due, RunState.Skipped, reason, 1));
            return;
        }

        if (action == OverlapAction.CreateAndCancelActive)
        {
            ReplacePendingInThisPlan();
            // Only runs that existed before this pass need cancelling in the store; ours were just marked skipped.
            _cancelActive |= job.Active.Total > 0;
            _active = new ActiveRuns(0, 0);
        }

        _runs.Add(Planned(fire, due, RunState.Pending, null, 1));
        _active = _active with { Waiting = _active.Waiting + 1 };
        RunsCounted++;
    }

    public void Skip(DateTimeOffset fire, string reason, bool missed)
    {
        if (missed)
        {
            _missed++;
        }

        if (_skippedRows < options.MaxSkippedRowsPerPass)
        {
            _skippedRows++;
            _runs.Add(Planned(fire, fire, RunState.Skipped, reason, 1));
            return;
        }

        if (_summaryIndex < 0)
        {
            _summaryIndex = _runs.Count;
            _runs.Add(Planned(fire, fire, RunState.Skipped, reason, 1));
            return;
        }

        var summary = _runs[_summaryIndex];
        var count = summary.FireCount + 1;
        _runs[_summaryIndex] = summary with
        {
            FireCount = count,
            Reason = $"{count} fires from {Instants.Format(summary.ScheduledFor)} to {Instants.Format(fire)} skipped ({FirstReason(summary.Reason)})",
        };
    }

    public FirePlan Build(DateTimeOffset? nextFire, DateTimeOffset? nextDue) =>
        new(_runs, _cancelActive, nextFire, nextDue, RunsCounted - job.RunsCounted, _missed);

    private void ReplacePendingInThisPlan()
    {
        for (var i = 0; i < _runs.Count; i++)
        {
            if (_runs[i].State == RunState.Pending)
            {
                _runs[i] = _runs[i] with { State = RunState.Skipped, Reason = FirePlan.CancelledByReplaceReason };
                RunsCounted--;
            }
        }
    }

    private PlannedRun Planned(DateTimeOffset fire, DateTimeOffset due, RunState state, string? reason, long count)
    {
        var definition = job.Definition;
        return new PlannedRun(
            RunOrigin.Schedule,
            fire,
            due,
            state,
            reason,
            count,
            definition.OncePer?.PeriodOf(fire, definition.Zone).Label,
            IdempotencyKeys.ForFire(definition.Name, fire),
            OverlapPolicies.IsExclusive(definition.Overlap));
    }

    private static string? FirstReason(string? reason)
    {
        // A summary keeps the reason of the fire it started with, without nesting summaries.
        if (reason is null)
        {
            return null;
        }

        var open = reason.IndexOf(" skipped (", StringComparison.Ordinal);
        return open >= 0 && reason.EndsWith(')') ? reason[(open + " skipped (".Length)..^1] : reason;
    }
}
