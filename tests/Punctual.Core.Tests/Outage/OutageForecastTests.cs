using Punctual.Core.CatchUp;
using Punctual.Core.Gates;
using Punctual.Core.Jobs;
using Punctual.Core.Outage;
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
}
