using Punctual.Core.CatchUp;
using Punctual.Core.Gates;
using Punctual.Core.Jobs;
using Punctual.Core.Outage;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Outage;

/// <summary>Every node down from 10:30 to 15:30 UTC; hourly jobs miss 11:00 … 15:00.</summary>
public sealed class OutageForecastTests
{
    private static readonly DateTimeOffset Created = Utc.At("2026-01-01T00:00:00Z");
    private static readonly DateTimeOffset From = Utc.At("2026-06-01T10:30:00Z");
    private static readonly DateTimeOffset To = Utc.At("2026-06-01T15:30:00Z");
    private static readonly GateLimits Limits = GateLimits.Create(1, 1, null, adaptive: false);

    private static OutageJob Job(string name, CatchUpPolicy catchUp, string cron = "0 * * * *")
    {
        var definition = TestJobs.Definition(name: name, schedule: new CronSpec(cron), catchUp: catchUp);
        return new OutageJob(definition, definition.BindSchedule(Created)!, 0);
    }

    private static OutageForecastResult Forecast(params OutageJob[] jobs) =>
        OutageForecast.Forecast(jobs, _ => Limits, From, To, TimeSpan.Zero);

    [Theory]
    [InlineData(CatchUpPolicy.Latest, 1)]
    [InlineData(CatchUpPolicy.All, 5)]
    [InlineData(CatchUpPolicy.Skip, 0)]
    public void EachJobFollowsItsCatchUpPolicy(CatchUpPolicy catchUp, int runs)
    {
        var job = Assert.Single(Forecast(Job("hourly", catchUp)).Jobs);

        Assert.Equal(("hourly", 5L, runs, 5L - runs), (job.Job, job.Fires, job.Runs, job.Skipped));
    }

    [Fact]
    public void AJobWithoutAFireInTheWindow_IsLeftOut()
    {
        Assert.Empty(Forecast(Job("nightly", CatchUpPolicy.All, "0 2 * * *")).Jobs);
    }

    [Fact]
    public void GatesAddUpTheirJobsRuns_AndSayHowLongTheyDrain()
    {
        var result = Forecast(Job("a", CatchUpPolicy.All), Job("b", CatchUpPolicy.All), Job("c", CatchUpPolicy.Latest));

        var gate = Assert.Single(result.Gates);
        Assert.Equal((TestJobs.Definition().GateName, 11L), (gate.Gate, gate.Runs));
        Assert.Equal(TimeSpan.FromSeconds(10), gate.Drain);
        Assert.Equal((15L, 11L), (result.Fires, result.Runs));
        Assert.Equal(["a", "b", "c"], result.Jobs.Select(j => j.Job));
    }

    [Fact]
    public void TheForecastMatchesWhatThePlannerCreatesOnRestart()
    {
        var job = Job("every-10m", CatchUpPolicy.All, "*/10 * * * *");
        var forecast = Assert.Single(Forecast(job).Jobs);

        var first = FirePlanner.NextFire(job.Definition, job.Schedule, From.AddTicks(-1), 0)!.Value;
        var plan = FirePlanner.Plan(TestJobs.Due(job.Definition, first.Fire, Created), To, PlannerOptions.Default);

        Assert.Equal(plan.Runs.Count(r => r.State == RunState.Pending), forecast.Runs);
        Assert.Equal(30, forecast.Runs);
    }

    [Fact]
    public void RunsActiveAtTheStart_SkipAForbidJobsOnTimeFire_AndQueueAtItsGate()
    {
        // The outage ends on the 15:00 fire, so that fire is on time (11:00 … 14:00 are missed).
        var to = Utc.At("2026-06-01T15:00:00Z");
        var idle = Job("idle", CatchUpPolicy.Skip);
        var busy = Job("busy", CatchUpPolicy.Skip) with { ActiveAtStart = new ActiveRuns(0, 2) };

        var result = OutageForecast.Forecast([idle, busy], _ => Limits, From, to, TimeSpan.Zero);

        Assert.Equal(
            [("idle", 5L, 1, 4L, 0), ("busy", 5L, 0, 5L, 2)],
            result.Jobs.Select(j => (j.Job, j.Fires, j.Runs, j.Skipped, j.Waiting)));
        Assert.Equal((1L, 2L), (result.Runs, result.Waiting));
        Assert.Equal(3L, Assert.Single(result.Gates).Runs);
    }

    [Fact]
    public void RunsActiveAtTheStart_OfAReplaceJob_AreCancelledNotQueued()
    {
        var to = Utc.At("2026-06-01T15:00:00Z");
        var definition = TestJobs.Definition(name: "replace", schedule: new CronSpec("0 * * * *"), catchUp: CatchUpPolicy.Skip, overlap: OverlapPolicy.Replace);
        var job = new OutageJob(definition, definition.BindSchedule(Created)!, 0, new ActiveRuns(1, 0));

        var result = OutageForecast.Forecast([job], _ => Limits, From, to, TimeSpan.Zero);

        Assert.Equal((1, 0), (Assert.Single(result.Jobs).Runs, result.Jobs[0].Waiting));
        Assert.Equal(1L, Assert.Single(result.Gates).Runs);
    }
}
