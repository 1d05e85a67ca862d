using Punctual.Core.Runs;
using Punctual.Engine.Specs;
using Punctual.Storage.Runs;

namespace Punctual.Engine.Dispatching;

/// <summary>Connects the store's claim transaction to <see cref="RunStateMachine.OnClaim"/>.</summary>
public sealed class ClaimDecider(SpecCache specs) : IClaimDecider
{
    public ClaimDecision Decide(ClaimCandidateRow candidate, DateTimeOffset now)
    {
        var run = candidate.Run;
        var retry = specs.Governing(candidate.SpecJson, candidate.IsTaskSpec).Retry;
        var facts = new ClaimCandidate(
            run.Id,
            run.State,
            run.AttemptCount,
            run.DeadlineAt,
            retry,
            candidate.PeriodAlreadySucceeded ? run.Period : null);
        return RunStateMachine.OnClaim(facts, now);
    }
}
