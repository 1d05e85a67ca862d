using Punctual.Core.Outcomes;
using Punctual.Core.Runs;
using Punctual.Engine.Specs;
using Punctual.Storage.Runs;

namespace Punctual.Engine.Leases;

/// <summary>A run whose node stopped renewing its lease ends its attempt as a transient failure (node_lost) and is retried per policy.</summary>
public sealed class LeaseExpiryDecider(SpecCache specs) : ILeaseExpiryDecider
{
    public (AttemptResult Result, AttemptDecision Decision, bool PauseJob) Decide(ExpiredLeaseRow row, DateTimeOffset now)
    {
        var run = row.Run;
        var governing = specs.Governing(row.SpecJson, row.IsTaskSpec);
        var result = AttemptResult.Transient(
            ErrorClasses.NodeLost,
            $"node {run.LeaseOwner} stopped renewing its lease (it died or lost the store); the attempt's outcome is unknown");
        var decision = RunStateMachine.OnAttemptFinished(
            new AttemptFacts(run.Id, run.AttemptCount, run.AttemptBase, governing.Retry, run.DeadlineAt),
            result,
            now);
        return (result, decision, decision.State == RunState.Dead && governing.Job?.PauseOnFailure == true);
    }
}
