using Punctual.Testing;

namespace Punctual.EndToEnd.Tests.Scenarios;

/// <summary>Crash safety and outages with real processes: kill -9 mid-attempt, stop and restart across fires.</summary>
public sealed class RestartScenarios : IAsyncLifetime
{
    private Deployment _d = null!;

    // A short misfire threshold, so a few seconds of downtime count as missed fires.
    public async Task InitializeAsync() => _d = await Deployment.StartAsync(new Dictionary<string, string?>
    {
        ["PUNCTUAL_ENGINE__MisfireThreshold"] = "00:00:01",
    });

    public async Task DisposeAsync() => await _d.DisposeAsync();

    [Fact]
    public async Task KillDashNine_DuringAnAttempt_TheRunIsRetriedAfterRestart_WithTheSameKey()
    {
        var hold = new TaskCompletionSource();
        _d.Sink.RespondInOrder(new SinkResponse(200, HoldUntil: hold.Task));
        await _d.ApplyAsync("""
            jobs:
              critical: { target: { url: SINK/critical }, timeout: 5m, retry: { attempts: 3, backoff: 100ms..100ms } }
            """);
        var run = (await _d.Client.TriggerJobAsync("critical")).Id;
        await _d.Sink.WaitForAsync(1, TimeSpan.FromSeconds(30));

        await _d.Server.KillAsync();
        hold.SetResult();
        await _d.Server.StartAsync();

        var done = await _d.RunUntilAsync(run, r => r.State == "succeeded", "the interrupted run succeeded after the restart");
        var detail = await _d.Client.GetRunAsync(done.Id);
        Assert.Equal(2, detail.AttemptCount);
        Assert.Equal("node_lost", detail.Attempts![0].ErrorClass);
        var requests = _d.Sink.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].IdempotencyKey, requests[1].IdempotencyKey);
        Assert.Equal([1, 2], requests.Select(r => r.Attempt));
    }

    [Fact]
    public async Task CatchUp_AfterARestart_FollowsEachJobsPolicy()
    {
        await _d.ApplyAsync("""
            jobs:
              latest-job: { every: 1s, catch_up: latest, target: { url: SINK/latest } }
              skip-job: { every: 1s, catch_up: skip, target: { url: SINK/skip } }
            """);
        await _d.RunsUntilAsync("latest-job", r => r.Any(x => x.State == "succeeded"), "the job ran once before the outage");
        Assert.Equal(0, await _d.Server.StopAsync());

        await Task.Delay(TimeSpan.FromSeconds(5), TimeProvider.System); // the outage: fires fall due while nothing runs
        var restartedAt = TimeProvider.System.GetUtcNow();
        await _d.Server.StartAsync();

        var latest = await _d.RunsUntilAsync("latest-job", r => r.Any(x => x.Reason?.Contains("catch_up latest", StringComparison.Ordinal) == true), "missed fires were recorded");
        var skip = await _d.RunsUntilAsync("skip-job", r => r.Any(x => x.Reason?.Contains("catch_up skip", StringComparison.Ordinal) == true), "missed fires were recorded");

        // latest: of the fires missed during the outage, only the most recent ran.
        var missedLatest = latest.Where(r => r.ScheduledFor < restartedAt - TimeSpan.FromSeconds(1) && r.CreatedAt >= restartedAt - TimeSpan.FromSeconds(1)).ToList();
        Assert.True(missedLatest.Count(r => r.State == "skipped") >= 2, string.Join("\n", latest.Select(r => $"{r.ScheduledFor:O} {r.State} {r.Reason}")));
        Assert.True(missedLatest.Count(r => r.State != "skipped") <= 1);
        // skip: none of the fires missed during the outage ran.
        var missedSkip = skip.Where(r => r.Reason?.Contains("catch_up skip", StringComparison.Ordinal) == true).ToList();
        Assert.True(missedSkip.Count >= 2);
        var job = await _d.Client.GetJobAsync("skip-job");
        Assert.True(job.MissedFires >= missedSkip.Count);
    }

    [Fact]
    public async Task SigTerm_StopsTheServerCleanly()
    {
        Assert.Equal(0, await _d.Server.StopAsync());
        Assert.Contains("serving on", _d.Server.Output);
    }
}
