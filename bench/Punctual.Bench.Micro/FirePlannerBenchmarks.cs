using BenchmarkDotNet.Attributes;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;

namespace Punctual.Bench.Micro;

/// <summary>
/// FirePlanner.Plan for one due job, as the planner calls it inside its store transaction: the common case (one
/// fire due on time), an exclusive job whose previous run is still active (overlap skip), and catch-up after an
/// hour-long outage of an every-second job (3,600 fires walked: latest runs one, all queues them, skip records them).
/// </summary>
[MemoryDiagnoser]
public class FirePlannerBenchmarks
{
    private static readonly DateTimeOffset Due = Jobs.Now;
    private DueJob _onTime = null!;
    private DueJob _overlapping = null!;
    private DueJob _outageLatest = null!;
    private DueJob _outageAll = null!;
    private DueJob _outageSkip = null!;

    [GlobalSetup]
    public void SetUp()
    {
        _onTime = Job("""{ "name": "every-second", "schedule": "* * * * * *", "target": { "url": "http://127.0.0.1/x" } }""", Due, new ActiveRuns(0, 0));
        _overlapping = Job("""{ "name": "every-second", "schedule": "* * * * * *", "target": { "url": "http://127.0.0.1/x" } }""", Due, new ActiveRuns(1, 0));
        var hourAgo = Due.AddHours(-1);
        _outageLatest = Job("""{ "name": "every-second", "schedule": "* * * * * *", "catch_up": "latest", "target": { "url": "http://127.0.0.1/x" } }""", hourAgo, new ActiveRuns(0, 0));
        _outageAll = Job("""{ "name": "every-second", "schedule": "* * * * * *", "catch_up": "all", "overlap": "allow", "target": { "url": "http://127.0.0.1/x" } }""", hourAgo, new ActiveRuns(0, 0));
        _outageSkip = Job("""{ "name": "every-second", "schedule": "* * * * * *", "catch_up": "skip", "target": { "url": "http://127.0.0.1/x" } }""", hourAgo, new ActiveRuns(0, 0));
    }

    [Benchmark(Baseline = true)]
    public FirePlan OneFireOnTime() => FirePlanner.Plan(_onTime, Due, PlannerOptions.Default);

    [Benchmark]
    public FirePlan OneFireOverlapForbid() => FirePlanner.Plan(_overlapping, Due, PlannerOptions.Default);

    [Benchmark]
    public FirePlan HourOutageCatchUpLatest() => FirePlanner.Plan(_outageLatest, Due, PlannerOptions.Default);

    [Benchmark]
    public FirePlan HourOutageCatchUpAll() => FirePlanner.Plan(_outageAll, Due, PlannerOptions.Default);

    [Benchmark]
    public FirePlan HourOutageCatchUpSkip() => FirePlanner.Plan(_outageSkip, Due, PlannerOptions.Default);

    private static DueJob Job(string json, DateTimeOffset nextFire, ActiveRuns active)
    {
        var definition = Jobs.Read(json);
        return new DueJob(1, definition, definition.BindSchedule(nextFire.AddDays(-1))!, nextFire, 0, active);
    }
}
