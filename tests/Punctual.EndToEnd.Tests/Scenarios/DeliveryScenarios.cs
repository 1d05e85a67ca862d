using Punctual.Client;
using Punctual.Testing;

namespace Punctual.EndToEnd.Tests.Scenarios;

/// <summary>Delivery through the real server process to a real endpoint: retries, permanent errors, once-per, overlap, dedup.</summary>
public sealed class DeliveryScenarios : IAsyncLifetime
{
    private Deployment _d = null!;

    public async Task InitializeAsync() => _d = await Deployment.StartAsync();

    public async Task DisposeAsync() => await _d.DisposeAsync();

    [Fact]
    public async Task TransientFailures_AreRetried_EveryAttemptCarryingOneIdempotencyKey()
    {
        _d.Sink.RespondInOrder(new SinkResponse(503), new SinkResponse(500, Body: "boom"), SinkResponse.Ok);
        await _d.ApplyAsync("""
            jobs:
              flaky:
                target: { url: SINK/flaky }
                retry: { attempts: 5, backoff: 100ms..200ms }
            """);

        var trigger = await _d.CliAsync("trigger", "flaky");
        Assert.Equal(0, trigger.ExitCode);
        var runs = await _d.RunsUntilAsync("flaky", r => r.Any(x => x.State == "succeeded"), "the flaky run succeeded");

        var run = await _d.Client.GetRunAsync(Assert.Single(runs).Id);
        Assert.Equal(3, run.AttemptCount);
        Assert.Equal(["transient", "transient", "succeeded"], run.Attempts!.Select(a => a.Outcome));
        Assert.Equal("boom", run.Attempts![1].ResponseExcerpt);
        var requests = _d.Sink.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Single(requests.Select(r => r.IdempotencyKey).Distinct());
        Assert.StartsWith("flaky/", requests[0].IdempotencyKey);
        Assert.Equal([1, 2, 3], requests.Select(r => r.Attempt));
    }

    [Fact]
    public async Task PermanentError_IsDeadAtOnce_AndAReplayUsesTheSameKey()
    {
        _d.Sink.RespondInOrder(new SinkResponse(400, Body: "bad request"));
        await _d.ApplyAsync("""
            jobs:
              strict: { target: { url: SINK/strict }, retry: { attempts: 5, backoff: 100ms..100ms } }
            """);

        await _d.CliAsync("trigger", "strict");
        var dead = (await _d.RunsUntilAsync("strict", r => r.Any(x => x.State == "dead"), "the run died")).Single();
        Assert.Equal(1, dead.AttemptCount);
        Assert.Contains("400", dead.Reason);

        var listed = await _d.CliAsync("runs", "--state", "dead");
        Assert.Contains("strict", listed.Stdout);
        var replay = await _d.CliAsync("runs", "retry", dead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(replay.ExitCode == 0, replay.ToString());
        await _d.RunUntilAsync(dead.Id, r => r.State == "succeeded", "the replay succeeded");

        var requests = _d.Sink.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].IdempotencyKey, requests[1].IdempotencyKey);
        Assert.Equal(2, requests[1].Attempt);
    }

    [Fact]
    public async Task OncePer_AFrequentScheduleSucceedsOncePerPeriod()
    {
        _d.Sink.RespondInOrder(new SinkResponse(500));
        await _d.ApplyAsync("""
            jobs:
              invoices:
                schedule: "* * * * * *"
                once_per: 1h
                target: { url: SINK/invoices }
                retry: { attempts: 1 }
            """);

        var runs = await _d.RunsUntilAsync("invoices", r => r.Count(x => x.State == "skipped") >= 3, "fires after the success were skipped");

        foreach (var period in runs.GroupBy(r => r.Period))
        {
            Assert.True(period.Count(r => r.State == "succeeded") <= 1, $"period {period.Key} has more than one success");
        }

        Assert.Contains(runs, r => r.State == "dead"); // the 500: retried by the next fire
        Assert.Contains(runs, r => r.State == "succeeded");
        Assert.Contains(runs, r => r.State == "skipped" && r.Reason!.Contains("once_per", StringComparison.Ordinal));
        var sent = _d.Sink.Requests.Select(r => r.Header("Punctual-Run-Id")).ToHashSet();
        Assert.All(runs.Where(r => r.State == "skipped"), r => Assert.DoesNotContain(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), sent));
    }

    [Fact]
    public async Task OverlapForbid_SkipsFiresWhileTheRunIsStillRunning()
    {
        var release = new TaskCompletionSource();
        _d.Sink.RespondInOrder(new SinkResponse(200, HoldUntil: release.Task));
        await _d.ApplyAsync("""
            jobs:
              long: { schedule: "* * * * * *", target: { url: SINK/long }, timeout: 1m }
            """);

        var runs = await _d.RunsUntilAsync("long", r => r.Count(x => x.State == "skipped") >= 2, "fires were skipped while the first ran");
        release.SetResult();

        Assert.All(runs.Where(r => r.State == "skipped"), r => Assert.Contains("overlap forbid", r.Reason));
        Assert.Equal("running", runs.First().State);
        Assert.Equal(1, _d.Sink.PeakInFlight);
    }

    [Fact]
    public async Task Task_WithTheSameKey_IsCreatedAndDeliveredOnce()
    {
        var request = new TaskRequest { Target = new TaskTarget { Url = _d.Sink.Url("charge") }, Key = "order-7" };

        var first = await _d.Client.CreateTaskAsync(request);
        var second = await _d.Client.CreateTaskAsync(request);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Run.Id, second.Run.Id);
        await _d.RunUntilAsync(first.Run.Id, r => r.State == "succeeded", "the task was delivered");
        var third = await _d.Client.CreateTaskAsync(request);
        Assert.Equal(first.Run.Id, third.Run.Id);
        Assert.Equal("task/order-7", Assert.Single(_d.Sink.Requests).IdempotencyKey);
    }
}
