using Punctual.Core.Runs;
using Punctual.Testing;

namespace Punctual.Engine.Tests.Delivery;

/// <summary>What an attempt sends and how its outcome moves the run (DESIGN §3 Delivery and outcome, Retries).</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Fire_SendsPunctualHeadersAndBody_AndRunSucceeds()
    {
        await _h.CreateJobAsync("hourly", """{ "schedule": "0 * * * *", "target": { "url": "SINK/hook", "body": { "kind": "sync" } } }""");

        await _h.AdvanceAsync(TimeSpan.FromHours(1));

        var request = Assert.Single(_h.Sink.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hook", request.Path);
        Assert.Equal("""{"kind":"sync"}""", request.Body);
        Assert.Equal("hourly/2026-03-02T09:00:00Z", request.IdempotencyKey);
        Assert.Equal("1", request.Header("Punctual-Attempt"));
        Assert.Equal("2026-03-02T09:00:00Z", request.Header("Punctual-Scheduled-For"));
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", request.Header("traceparent"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        var run = Assert.Single(await _h.RunsAsync("hourly"));
        Assert.Equal(run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("Punctual-Run-Id"));
        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(200, run.LastStatusCode);
    }

    [Fact]
    public async Task TransientFailures_AreRetriedWithTheSameIdempotencyKey_WithinBackoffBounds()
    {
        _h.Sink.RespondInOrder(new SinkResponse(503), new SinkResponse(500), SinkResponse.Ok);
        await _h.CreateJobAsync("flaky", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" }, "retry": { "attempts": 5, "backoff": "10s..1m" } }""");

        await _h.AdvanceAsync(TimeSpan.FromHours(1));
        var afterFirst = Assert.Single(await _h.RunsAsync("flaky"));
        Assert.Equal(RunState.Failed, afterFirst.State);
        var delay = afterFirst.DueAt - _h.Time.GetUtcNow();
        Assert.InRange(delay, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)); // first ceiling = min

        await _h.AdvanceAsync(TimeSpan.FromSeconds(9));
        Assert.Single(_h.Sink.Requests); // not due yet

        await _h.AdvanceAsync(TimeSpan.FromSeconds(1));
        var afterSecond = Assert.Single(await _h.RunsAsync("flaky"));
        Assert.Equal(RunState.Failed, afterSecond.State);
        Assert.InRange(afterSecond.DueAt - _h.Time.GetUtcNow(), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));

        _h.Time.SetUtcNow(afterSecond.DueAt);
        await _h.StepAsync();

        var requests = _h.Sink.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Single(requests.Select(r => r.IdempotencyKey).Distinct());
        Assert.Equal([1, 2, 3], requests.Select(r => r.Attempt));
        var detail = await _h.RunAsync(afterSecond.Id);
        Assert.Equal(RunState.Succeeded, detail.Run.State);
        Assert.Equal(["transient", "transient", "succeeded"], detail.Attempts.Select(a => a.Outcome));
        Assert.Equal([503, 500, 200], detail.Attempts.Select(a => a.StatusCode));
    }

    [Fact]
    public async Task PermanentError_MakesTheRunDeadAtOnce()
    {
        _h.Sink.Respond(_ => new SinkResponse(404, Body: "no such thing"));
        await _h.CreateJobAsync("gone", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" }, "retry": { "attempts": 5 } }""");

        await _h.AdvanceAsync(TimeSpan.FromHours(1));
        await _h.AdvanceAsync(TimeSpan.FromHours(0.5));

        var run = Assert.Single(await _h.RunsAsync("gone"));
        Assert.Equal(RunState.Dead, run.State);
        Assert.Equal(1, run.AttemptCount);
        Assert.Contains("404", run.Reason);
        var attempt = Assert.Single((await _h.RunAsync(run.Id)).Attempts);
        Assert.Equal("no such thing", attempt.ResponseExcerpt);
    }

    [Fact]
    public async Task RetryOnStatus_MakesA4xxTransient()
    {
        _h.Sink.RespondInOrder(new SinkResponse(409), SinkResponse.Ok);
        await _h.CreateJobAsync("conflicty", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" }, "retry": { "attempts": 3, "backoff": "1s..1s", "on_status": [409] } }""");

        await _h.AdvanceAsync(TimeSpan.FromHours(1));
        await _h.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(RunState.Succeeded, Assert.Single(await _h.RunsAsync("conflicty")).State);
    }

    [Fact]
    public async Task RetryAfter_DelaysTheNextAttemptAtLeastThatLong()
    {
        _h.Sink.RespondInOrder(new SinkResponse(429, new Dictionary<string, string> { ["Retry-After"] = "120" }), SinkResponse.Ok);
        await _h.CreateJobAsync("limited", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" }, "retry": { "backoff": "1s..5s" } }""");

        await _h.AdvanceAsync(TimeSpan.FromHours(1));

        var run = Assert.Single(await _h.RunsAsync("limited"));
        Assert.Equal(RunState.Failed, run.State);
        Assert.Equal(_h.Time.GetUtcNow() + TimeSpan.FromSeconds(120), run.DueAt);
    }

    [Fact]
    public async Task ExhaustedRetries_MakeTheRunDead_AndPauseOnFailurePausesTheJob()
    {
        _h.Sink.Respond(_ => new SinkResponse(500));
        await _h.CreateJobAsync("doomed", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" }, "retry": { "attempts": 2, "backoff": "1s..1s" }, "pause_on_failure": true }""");

        await _h.AdvanceAsync(TimeSpan.FromHours(1));
        await _h.AdvanceAsync(TimeSpan.FromSeconds(1));

        var run = Assert.Single(await _h.RunsAsync("doomed"));
        Assert.Equal(RunState.Dead, run.State);
        Assert.Equal(2, run.AttemptCount);
        Assert.Contains("retries exhausted", run.Reason);
        Assert.True((await _h.Store.Jobs.GetAsync("doomed", CancellationToken.None))!.Paused);

        await _h.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Single(await _h.RunsAsync("doomed")); // paused: no new fire
    }

    [Fact]
    public async Task Timeout_IsATransientFailure()
    {
        var release = new TaskCompletionSource();
        _h.Sink.RespondInOrder(new SinkResponse(200, HoldUntil: release.Task));
        await _h.CreateJobAsync("slow", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" }, "timeout": "5s", "retry": { "backoff": "1s..1s" } }""");

        _h.Time.Advance(TimeSpan.FromHours(1));
        await _h.Planner.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.RunOnceAsync(CancellationToken.None);
        await _h.Sink.WaitForAsync(1, TimeSpan.FromSeconds(10));
        _h.Time.Advance(TimeSpan.FromSeconds(5));
        await _h.Dispatcher.WhenAttemptsFinishedAsync();
        await _h.Completions.FlushAsync(CancellationToken.None);
        release.SetResult();

        var detail = await _h.RunAsync(Assert.Single(await _h.RunsAsync("slow")).Id);
        Assert.Equal(RunState.Failed, detail.Run.State);
        Assert.Equal("timeout", Assert.Single(detail.Attempts).ErrorClass);
    }

    [Fact]
    public async Task ConnectionRefused_IsATransientFailure()
    {
        var closedPort = FreePort.Next();
        await _h.CreateJobAsync("nowhere", $$"""{ "schedule": "0 * * * *", "target": { "url": "http://127.0.0.1:{{closedPort}}/" } }""");

        await _h.AdvanceAsync(TimeSpan.FromHours(1));

        var detail = await _h.RunAsync(Assert.Single(await _h.RunsAsync("nowhere")).Id);
        Assert.Equal(RunState.Failed, detail.Run.State);
        Assert.Equal("connection", Assert.Single(detail.Attempts).ErrorClass);
    }

    [Fact]
    public async Task SecretReferences_AreResolvedAtDispatch_AndNeverStored()
    {
        _h.Environment["BILLING_TOKEN"] = "s3cr3t-value-123";
        await _h.CreateJobAsync("secret", """{ "schedule": "0 * * * *", "target": { "url": "SINK/", "headers": { "Authorization": "Bearer ${env:BILLING_TOKEN}" } } }""");

        await _h.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal("Bearer s3cr3t-value-123", Assert.Single(_h.Sink.Requests).Header("Authorization"));
        await _h.Store.DisposeAsync();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_h.DatabasePath)!))
        {
            Assert.DoesNotContain("s3cr3t-value-123", await File.ReadAllTextAsync(file));
        }
    }

    [Fact]
    public async Task MissingSecret_MakesTheRunDeadWithAClearError()
    {
        await _h.CreateJobAsync("unset", """{ "schedule": "0 * * * *", "target": { "url": "SINK/", "headers": { "Authorization": "Bearer ${env:NOT_SET_ANYWHERE}" } } }""");

        await _h.AdvanceAsync(TimeSpan.FromHours(1));

        var run = Assert.Single(await _h.RunsAsync("unset"));
        Assert.Equal(RunState.Dead, run.State);
        Assert.Contains("NOT_SET_ANYWHERE", run.Reason);
        Assert.Empty(_h.Sink.Requests);
    }
}
