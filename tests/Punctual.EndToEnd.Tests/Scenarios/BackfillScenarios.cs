using System.Globalization;
using Punctual.Client;
using Punctual.Testing;

namespace Punctual.EndToEnd.Tests.Scenarios;

/// <summary>
/// <c>punctual backfill</c> against a real server: the range's fires arrive once each, through the job's gate; and
/// <c>punctual plan-outage</c> forecasting a restart from the same stored jobs and gates.
/// </summary>
public sealed class BackfillScenarios : IAsyncLifetime
{
    private const string Config = """
        gates:
          slow-api: { rate: 4/s, burst: 1 }
        jobs:
          hourly:
            schedule: "0 * * * *"
            gate: slow-api
            target: { url: SINK/hourly }
        """;

    private Deployment _d = null!;

    public async Task InitializeAsync() => _d = await Deployment.StartAsync();

    public async Task DisposeAsync() => await _d.DisposeAsync();

    [Fact]
    public async Task Backfill_DeliversEachFireOfTheRangeOnce_AndAgainCreatesNothing()
    {
        await _d.ApplyAsync(Config);
        var now = TimeProvider.System.GetUtcNow();
        var lastHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var from = Text(lastHour.AddHours(-5));
        var to = Text(lastHour);

        var first = await _d.CliAsync("backfill", "hourly", "--from", from, "--to", to);
        var again = await _d.CliAsync("backfill", "hourly", "--from", from, "--to", to, "--no-wait");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("6 fires, 6 created.", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("6 succeeded, 0 dead", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("100% 6/6 settled", first.Stderr, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("6 fires, 0 created; 6 already had a run.", again.Stdout, StringComparison.Ordinal);
        var arrived = _d.Sink.Requests.Where(r => r.Path == "/hourly").ToList();
        var expectedKeys = Enumerable.Range(0, 6).Select(h => $"hourly/{Text(lastHour.AddHours(h - 5))}");
        Assert.Equal(expectedKeys, arrived.Select(r => r.IdempotencyKey).Order(StringComparer.Ordinal));
        // Through the gate (4/s, burst 1) six attempts start over at least 5 × 250 ms, exactly (the gate decides on the
        // start instants the store records; arrivals at the sink add scheduling noise). Without a gate: a few ms in all.
        var starts = (await _d.Client.ListRunsAsync(new RunQuery { Job = "hourly" })).Items.Select(r => r.StartedAt!.Value).Order().ToList();
        Assert.Equal(6, starts.Count);
        Assert.True(starts[^1] - starts[0] >= TimeSpan.FromSeconds(1.25), "the gate spaced the backfill out: " + string.Join(", ", starts.Select(s => s.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Backfill_OfAFutureRange_IsRefused_AndCreatesNothing()
    {
        await _d.ApplyAsync(Config);
        var now = TimeProvider.System.GetUtcNow();

        var refused = await _d.CliAsync("backfill", "hourly", "--from", Text(now.AddHours(-1)), "--to", Text(now.AddHours(2)));

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("in the future", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty(await _d.RunsAsync("hourly"));
    }

    [Fact]
    public async Task PlanOutage_ForecastsTheRestart_FromTheStoredJobsAndGates()
    {
        await _d.ApplyAsync(Config);
        var now = TimeProvider.System.GetUtcNow();
        var lastHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);

        var forecast = await _d.CliAsync("plan-outage", "--from", Text(lastHour.AddHours(-5).AddMinutes(-30)), "--to", Text(lastHour.AddMinutes(30)));

        Assert.True(forecast.ExitCode == 0, forecast.ToString());
        Assert.Contains("misses 6 fires of 1 jobs; on restart they create 1 runs", forecast.Stdout, StringComparison.Ordinal);
        Assert.Contains(forecast.Stdout.Split('\n'), l => l.StartsWith("slow-api", StringComparison.Ordinal) && l.Contains("4/s", StringComparison.Ordinal));
        Assert.Empty(await _d.RunsAsync("hourly"));
    }

    private static string Text(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
