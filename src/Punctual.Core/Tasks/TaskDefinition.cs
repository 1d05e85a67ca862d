using Punctual.Core.Gates;
using Punctual.Core.Retries;
using Punctual.Core.Targets;

namespace Punctual.Core.Tasks;

/// <summary>
/// A one-shot request ("call this URL at 14:05"): a run of an ad-hoc job. <see cref="Key"/>, when given,
/// deduplicates: the same key again returns the existing run and creates nothing.
/// </summary>
public sealed record TaskDefinition(
    HttpTargetSpec Target,
    DateTimeOffset DueAt,
    string? Key,
    TimeSpan Timeout,
    RetryPolicy Retry,
    string? Gate = null)
{
    /// <summary>The gate this task's attempts go through: the named one, else its target host's default gate.</summary>
    public string GateName => GateNames.For(Gate, Target.Url);
}
