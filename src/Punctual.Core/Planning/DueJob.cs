using Punctual.Core.Jobs;
using Punctual.Core.Overlap;
using Punctual.Core.Scheduling;

namespace Punctual.Core.Planning;

/// <summary>
/// A job whose next fire is due, as the planner sees it inside the store's transaction.
/// <see cref="RunsCounted"/> is how many runs were dispatched so far (for max_runs).
/// </summary>
public sealed record DueJob(
    long JobId,
    JobDefinition Definition,
    Schedule Schedule,
    DateTimeOffset NextFireAt,
    int RunsCounted,
    ActiveRuns Active);
