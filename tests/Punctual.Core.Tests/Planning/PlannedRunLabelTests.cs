using Punctual.Core.CatchUp;
using Punctual.Core.OncePer;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Planning;

public sealed class PlannedRunLabelTests
{
    [Fact]
    public void OncePerJob_PlannedRuns_CarryThePeriodOfTheirFireInTheJobsZone()
    {
        // Daily 09:00 Paris with once_per month; fires on May 30, May 31, June 1 (07:00Z each, CEST).
        var definition = TestJobs.Definition(schedule: new CronSpec("0 9 * * *"), timeZone: "Europe/Paris", oncePer: OncePerPeriod.Month, catchUp: CatchUpPolicy.Skip);
        var job = TestJobs.Due(definition, Utc.At("2026-05-30T07:00:00Z"), default);

        var plan = FirePlanner.Plan(job, Utc.At("2026-06-01T07:00:00Z"), PlannerOptions.Default);

        Assert.Equal(
            [("2026-05-30T07:00:00Z", "2026-05", RunState.Skipped), ("2026-05-31T07:00:00Z", "2026-05", RunState.Skipped), ("2026-06-01T07:00:00Z", "2026-06", RunState.Pending)],
            plan.Runs.Select(r => (r.ScheduledFor.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), r.Period, r.State)));
    }

    [Fact]
    public void JobWithoutOncePer_PlannedRunsHaveNoPeriod()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 9 * * *"));

        var plan = FirePlanner.Plan(TestJobs.Due(definition, Utc.At("2026-06-01T09:00:00Z"), default), Utc.At("2026-06-01T09:00:00Z"), PlannerOptions.Default);

        Assert.Null(Assert.Single(plan.Runs).Period);
    }

    [Fact]
    public void PlannedRuns_HaveIdempotencyKeysOfJobAndIsoFireInstant()
    {
        var definition = TestJobs.Definition(name: "monthly-invoices", schedule: new CronSpec("0 * * * *"), catchUp: CatchUpPolicy.Skip);

        var plan = FirePlanner.Plan(TestJobs.Due(definition, Utc.At("2026-06-01T09:00:00Z"), default), Utc.At("2026-06-01T11:00:00Z"), PlannerOptions.Default);

        Assert.Equal(
            ["monthly-invoices/2026-06-01T09:00:00Z", "monthly-invoices/2026-06-01T10:00:00Z", "monthly-invoices/2026-06-01T11:00:00Z"],
            plan.Runs.Select(r => r.IdempotencyKey));
    }

    [Theory]
    [InlineData("job", "2026-06-01T09:00:00Z", "job/2026-06-01T09:00:00Z")]
    [InlineData("job", "2026-06-01T09:00:00.5Z", "job/2026-06-01T09:00:00.500Z")]
    [InlineData("a.b_c-d", "2026-06-01T11:00:00+02:00", "a.b_c-d/2026-06-01T09:00:00Z")]
    [InlineData("job", "2028-02-29T23:59:59.999Z", "job/2028-02-29T23:59:59.999Z")]
    public void ForFire_IsJobSlashUtcIsoInstant(string job, string instant, string expected) =>
        Assert.Equal(expected, IdempotencyKeys.ForFire(job, DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("order-42", 7, "task/order-42")]
    [InlineData(null, 7, "task/7")]
    public void ForTask_UsesTheKeyOrTheRunId(string? key, long runId, string expected) =>
        Assert.Equal(expected, IdempotencyKeys.ForTask(key, runId));
}
