using Punctual.Core.CatchUp;
using Punctual.Core.Jobs;
using Punctual.Core.OncePer;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Core.Retries;
using Punctual.Core.Scheduling;
using Punctual.Core.Targets;

namespace Punctual.Core.Tests.Support;

/// <summary>Builds job definitions and due jobs for planner tests, with every default spelled out.</summary>
internal static class TestJobs
{
    public static readonly HttpTargetSpec Target = new("POST", "https://example.test/hook", [], null);

    public static JobDefinition Definition(
        string name = "job",
        ScheduleSpec? schedule = null,
        string timeZone = "UTC",
        TimeSpan? jitter = null,
        OverlapPolicy overlap = OverlapPolicy.Forbid,
        CatchUpPolicy catchUp = CatchUpPolicy.Latest,
        TimeSpan? catchUpWindow = null,
        OncePerPeriod? oncePer = null,
        DateTimeOffset? start = null,
        DateTimeOffset? end = null,
        int? maxRuns = null,
        RetryPolicy? retry = null) =>
        new(
            name,
            null,
            schedule,
            timeZone,
            jitter ?? TimeSpan.Zero,
            Target,
            JobDefinition.DefaultTimeout,
            retry ?? RetryPolicy.Default,
            overlap,
            catchUp,
            catchUpWindow ?? TimeSpan.FromDays(1),
            oncePer,
            start,
            end,
            maxRuns,
            false);

    public static DueJob Due(JobDefinition definition, DateTimeOffset nextFireAt, DateTimeOffset createdAt, int runsCounted = 0, ActiveRuns active = default) =>
        new(1, definition, definition.BindSchedule(createdAt)!, nextFireAt, runsCounted, active);
}
