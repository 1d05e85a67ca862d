using Punctual.Core.CatchUp;
using Punctual.Core.Jobs;
using Punctual.Core.Overlap;
using Punctual.Core.Runs;
using Punctual.Core.Scheduling;
using Punctual.Core.Time;

namespace Punctual.Core.Planning;

/// <summary>
/// Turns due fires into runs: walks the schedule from the job's next fire up to <c>now</c>, applies the job's
/// lifetime (end, max_runs), catch-up policy to missed fires and overlap policy to every new run.
/// Pure: the same inputs give the same plan on every node.
/// </summary>
public static class FirePlanner
{
    public static FirePlan Plan(DueJob job, DateTimeOffset now, PlannerOptions options)
    {
        var definition = job.Definition;
        var builder = new PlanBuilder(job, options);
        var missedBefore = now - options.MisfireThreshold;
        var windowStart = now - definition.CatchUpWindow;
        DateTimeOffset? latestMissed = null;
        DateTimeOffset? fire = job.NextFireAt;
        var walked = 0;

        while (fire is { } f && IsWithinLifetime(definition, f, builder.RunsCounted))
        {
            var due = DueAt(definition, f);
            if (due > now || builder.Runs >= options.MaxRunsPerPass || walked >= options.MaxFiresPerPass)
            {
                break;
            }

            if (due >= missedBefore)
            {
                // On time (or late within the misfire threshold): always runs; any missed fire before it is superseded.
                SupersedeLatestMissed(builder, ref latestMissed);
                builder.AddRun(f, due);
            }
            else
            {
                switch (definition.CatchUp)
                {
                    case CatchUpPolicy.Latest:
                        SupersedeLatestMissed(builder, ref latestMissed);
                        latestMissed = f;
                        break;
                    case CatchUpPolicy.All when due >= windowStart:
                        // Missed fires queue up regardless of overlap; exclusive jobs then run them one after another.
                        builder.AddRun(f, due, catchUp: true);
                        break;
                    case CatchUpPolicy.All:
                        builder.Skip(f, $"catch_up all: older than catch_up_window ({Durations.Format(definition.CatchUpWindow)})", missed: true);
                        break;
                    default:
                        builder.Skip(f, "catch_up skip: fire was missed", missed: true);
                        break;
                }
            }

            fire = job.Schedule.NextAfter(f);
            walked++;
        }

        if (latestMissed is { } candidate)
        {
            var laterFireIsDue = fire is { } next && IsWithinLifetime(definition, next, builder.RunsCounted) && DueAt(definition, next) <= now;
            if (laterFireIsDue)
            {
                builder.Skip(candidate, "catch_up latest: superseded by a later fire", missed: true);
            }
            else
            {
                builder.AddRun(candidate, DueAt(definition, candidate));
            }
        }

        if (fire is { } remaining && !IsWithinLifetime(definition, remaining, builder.RunsCounted))
        {
            fire = null;
        }

        return builder.Build(fire, fire is { } n ? DueAt(definition, n) : null);
    }

    /// <summary>Plans a manual trigger: one run now, under the job's overlap policy.</summary>
    public static FirePlan PlanTrigger(JobDefinition definition, ActiveRuns active, DateTimeOffset now)
    {
        now = Instants.ToStorePrecision(now);
        var (action, reason) = OverlapRules.Decide(definition.Overlap, active);
        var run = new PlannedRun(
            RunOrigin.Manual,
            now,
            now,
            action == OverlapAction.Skip ? RunState.Skipped : RunState.Pending,
            reason,
            1,
            definition.OncePer?.PeriodOf(now, definition.Zone).Label,
            IdempotencyKeys.ForFire(definition.Name, now),
            OverlapPolicies.IsExclusive(definition.Overlap));
        return new FirePlan([run], action == OverlapAction.CreateAndCancelActive, null, null, 0, 0);
    }

    /// <summary>
    /// The first fire strictly after <paramref name="after"/> that the job's lifetime allows (start, end, max_runs),
    /// with its due time (nominal + jitter); null when the job will not fire again.
    /// </summary>
    public static (DateTimeOffset Fire, DateTimeOffset Due)? NextFire(JobDefinition definition, Schedule? schedule, DateTimeOffset after, int runsCounted)
    {
        if (schedule is null)
        {
            return null;
        }

        var from = definition.Start is { } start && start > after ? start.AddTicks(-1) : after;
        var next = schedule.NextAfter(from);
        if (next is not { } fire || !IsWithinLifetime(definition, fire, runsCounted))
        {
            return null;
        }

        return (fire, DueAt(definition, fire));
    }

    public static DateTimeOffset DueAt(JobDefinition definition, DateTimeOffset fire) =>
        fire + Jitter.Offset(definition.Name, fire, definition.Jitter);

    private static bool IsWithinLifetime(JobDefinition definition, DateTimeOffset fire, int runsCounted) =>
        (definition.End is not { } end || fire <= end)
        && (definition.MaxRuns is not { } max || runsCounted < max);

    private static void SupersedeLatestMissed(PlanBuilder builder, ref DateTimeOffset? latestMissed)
    {
        if (latestMissed is { } superseded)
        {
            builder.Skip(superseded, "catch_up latest: superseded by a later fire", missed: true);
            latestMissed = null;
        }
    }
}
