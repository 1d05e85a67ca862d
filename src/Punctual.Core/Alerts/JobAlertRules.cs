using Punctual.Core.Time;

namespace Punctual.Core.Alerts;

/// <summary>
/// Decides, from a job's alert block and the facts about its runs, which of its causes hold now. Pure: the alerter
/// asks this at every pass and opens or closes incidents to match, so the answer is a state, not an event, and
/// deciding twice (two nodes, a restart) never alerts twice.
/// </summary>
public static class JobAlertRules
{
    /// <summary>How many finished runs <see cref="Evaluate"/> needs to see.</summary>
    public static int FinishedRunsNeeded(JobAlertSpec spec) => spec.AfterFailures;

    public static IReadOnlyList<AlertCondition> Evaluate(string job, JobAlertSpec spec, JobAlertFacts facts, DateTimeOffset now)
    {
        var conditions = new List<AlertCondition>(3);
        if (spec.Watches(AlertKind.Dead))
        {
            conditions.Add(Dead(job, spec, facts));
        }

        if (spec.Watches(AlertKind.Missed))
        {
            conditions.Add(Missed(job, spec, facts, now));
        }

        if (spec.Watches(AlertKind.Slow) && spec.MaxDuration is { } max)
        {
            conditions.Add(Slow(job, max, facts, now));
        }

        return conditions;
    }

    /// <summary>Active while the job's newest <c>after_failures</c> finished runs are all dead; a success clears it.</summary>
    private static AlertCondition Dead(string job, JobAlertSpec spec, JobAlertFacts facts)
    {
        var recent = facts.RecentFinished.Take(spec.AfterFailures).ToList();
        var active = recent.Count >= spec.AfterFailures && recent.All(r => r.Dead);
        var cause = AlertCondition.JobCause(job, AlertKind.Dead);
        if (!active)
        {
            return new AlertCondition(cause, AlertKind.Dead, job, false, $"job '{job}' runs succeed again", null);
        }

        var summary = spec.AfterFailures == 1
            ? $"job '{job}': run {recent[0].RunId} is dead"
            : $"job '{job}': {spec.AfterFailures} runs in a row are dead (latest: run {recent[0].RunId})";
        return new AlertCondition(cause, AlertKind.Dead, job, true, summary, recent[0].Reason);
    }

    /// <summary>
    /// Active while the job's newest fire started later than <c>missed_after</c> after its fire time (or has not
    /// started that long after it), or was skipped by the catch-up policy; a fire that starts in time clears it.
    /// </summary>
    private static AlertCondition Missed(string job, JobAlertSpec spec, JobAlertFacts facts, DateTimeOffset now)
    {
        var cause = AlertCondition.JobCause(job, AlertKind.Missed);
        var fire = facts.LatestScheduled;
        var cleared = new AlertCondition(cause, AlertKind.Missed, job, false, $"job '{job}' fires on time again", null);
        if (fire is null)
        {
            return cleared;
        }

        var at = Instants.Format(fire.ScheduledFor);
        if (fire.State == "skipped" && fire.Reason is { } reason && reason.StartsWith("catch_up", StringComparison.Ordinal))
        {
            return new AlertCondition(cause, AlertKind.Missed, job, true, $"job '{job}': the fire of {at} was missed", reason);
        }

        var started = fire.StartedAt ?? (fire.State is "pending" or "failed" ? now : (DateTimeOffset?)null);
        if (started is not { } start || start - fire.ScheduledFor <= spec.MissedAfter)
        {
            return cleared;
        }

        var detail = fire.StartedAt is null
            ? $"not started {Durations.Format(Whole(now - fire.ScheduledFor))} after its fire time (missed_after {Durations.Format(spec.MissedAfter)})"
            : $"started {Durations.Format(Whole(start - fire.ScheduledFor))} after its fire time (missed_after {Durations.Format(spec.MissedAfter)})";
        return new AlertCondition(cause, AlertKind.Missed, job, true, $"job '{job}': the fire of {at} was missed", detail);
    }

    /// <summary>Active while one of the job's runs has been running longer than <c>max_duration</c>.</summary>
    private static AlertCondition Slow(string job, TimeSpan max, JobAlertFacts facts, DateTimeOffset now)
    {
        var cause = AlertCondition.JobCause(job, AlertKind.Slow);
        if (facts.OldestRunningSince is { } since && now - since > max)
        {
            return new AlertCondition(
                cause, AlertKind.Slow, job, true,
                $"job '{job}': a run has been running for {Durations.Format(Whole(now - since))}",
                $"longer than max_duration {Durations.Format(max)}");
        }

        return new AlertCondition(cause, AlertKind.Slow, job, false, $"job '{job}' runs finish in time again", null);
    }

    private static TimeSpan Whole(TimeSpan span) => TimeSpan.FromSeconds(Math.Max(0, Math.Floor(span.TotalSeconds)));
}
