using BenchmarkDotNet.Attributes;
using Punctual.Core.Jobs;
using Punctual.Core.Planning;
using Punctual.Core.Scheduling;

namespace Punctual.Bench.Micro;

/// <summary>
/// Next-fire computation: the planner calls it once per fire it plans (W2 does 200 a second) and the API once per
/// job it shows. Cron in UTC and in a DST zone, an interval, and FirePlanner.NextFire with a jitter on top.
/// </summary>
[MemoryDiagnoser]
public class NextFireBenchmarks
{
    private Schedule _everySecond = null!;
    private Schedule _dailyParis = null!;
    private Schedule _quarterHourNewYork = null!;
    private Schedule _monthly = null!;
    private Schedule _every90s = null!;
    private JobDefinition _jittered = null!;
    private Schedule _jitteredSchedule = null!;

    [GlobalSetup]
    public void SetUp()
    {
        _everySecond = new CronSpec("* * * * * *").Bind(TimeZoneInfo.Utc, Jobs.Now);
        _dailyParis = new CronSpec("0 9 * * *").Bind(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), Jobs.Now);
        _quarterHourNewYork = new CronSpec("*/15 * * * *").Bind(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), Jobs.Now);
        _monthly = new CronSpec("30 4 17 * *").Bind(TimeZoneInfo.Utc, Jobs.Now);
        _every90s = new EverySpec(TimeSpan.FromSeconds(90), Jobs.Now.AddDays(-3)).Bind(TimeZoneInfo.Utc, Jobs.Now);
        _jittered = Jobs.Read("""{ "name": "nightly", "schedule": "0 2 * * *", "timezone": "Europe/Paris", "jitter": "5m", "target": { "url": "http://127.0.0.1/x" } }""");
        _jitteredSchedule = _jittered.BindSchedule(Jobs.Now)!;
    }

    [Benchmark(Baseline = true)]
    public DateTimeOffset? CronEverySecondUtc() => _everySecond.NextAfter(Jobs.Now);

    [Benchmark]
    public DateTimeOffset? CronDailyEuropeParis() => _dailyParis.NextAfter(Jobs.Now);

    [Benchmark]
    public DateTimeOffset? CronQuarterHourAmericaNewYork() => _quarterHourNewYork.NextAfter(Jobs.Now);

    [Benchmark]
    public DateTimeOffset? CronMonthlyUtc() => _monthly.NextAfter(Jobs.Now);

    [Benchmark]
    public DateTimeOffset? Every90Seconds() => _every90s.NextAfter(Jobs.Now);

    [Benchmark]
    public (DateTimeOffset Fire, DateTimeOffset Due)? FirePlannerNextFireWithJitter() => FirePlanner.NextFire(_jittered, _jitteredSchedule, Jobs.Now, 0);
}
