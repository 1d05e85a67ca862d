using System.Collections.Concurrent;
using Punctual.Core.Runs;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.Doubles;

/// <summary>A claim decider that decides as the test scripts, and remembers every candidate the store showed it.</summary>
public sealed class ScriptedClaimDecider(Func<ClaimCandidateRow, DateTimeOffset, ClaimDecision> decide) : IClaimDecider
{
    public ConcurrentQueue<ClaimCandidateRow> Seen { get; } = new();

    /// <summary>Starts every candidate's next attempt, without a retry deadline.</summary>
    public static ScriptedClaimDecider StartAll() => new((row, _) => ClaimDecision.Start(row.Run.AttemptCount + 1, null));

    public ClaimDecision Decide(ClaimCandidateRow candidate, DateTimeOffset now)
    {
        Seen.Enqueue(candidate);
        return decide(candidate, now);
    }
}
