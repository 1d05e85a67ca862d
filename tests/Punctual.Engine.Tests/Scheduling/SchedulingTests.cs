using Punctual.Core.Runs;
using Punctual.Storage.Jobs;
using Punctual.Testing;

namespace Punctual.Engine.Tests.Scheduling;

/// <summary>Planner and dispatcher together: once-per, overlap, catch-up, one-shot and on-demand work.</summary>
public sealed class SchedulingTests : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task OncePerMonth_DailyScheduleRetriedByTheScheduleItself_SucceedsOncePerMonth()
    {
        // Invoices: scheduled every day at 09:00 Paris time, but sent once a month.
        _h.Sink.RespondInOrder(new SinkResponse(503));
        await _h.CreateJobAsync("invoices", """
            { "schedule": "0 9 * * *", "timezone": "Europe/Paris", "once_per": "month",
              "target": { "url": "SINK/" }, "retry": { "attempts": 1 } }
            """);

        for (var day = 0; day < 5; day++)
        {
            await _h.AdvanceAsync(TimeSpan.FromDays(1));
        }

        var runs = await _h.RunsAsync("invoices");
        Assert.Equal(5, runs.Count);
        Assert.Equal(RunState.Dead, runs[0].State);       // 503, no retries: the next day's fire retries
        Assert.Equal(RunState.Succeeded, runs[1].State);
        Assert.All(runs.Skip(2), r => Assert.Equal(RunState.Skipped, r.State));
        Assert.All(runs.Skip(2), r => Assert.Contains("once_per", r.Reason));
        Assert.All(runs, r => Assert.Equal("2026-03", r.Period));
        Assert.Equal(2, _h.Sink.Requests.Count);
        Assert.All(_h.Sink.Requests, r => Assert.Equal("2026-03", r.Header("Punctual-Period")));
    }

    [Fact]
    public async Task OverlapForbid_SkipsAFireWhileTheLastRunIsStillRunning()
    {
        var release = new TaskCompletionSource();
        _h.Sink.RespondInOrder(new SinkResponse(200, HoldUntil: release.Task));
        await _h.CreateJobAsync("long", """{ "every": "1m", "target": { "url": "SINK/" }, "timeout": "10m" }""");

        _h.Time.Advance(TimeSpan.FromMinutes(1));
        await _h.Planner.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.RunOnceAsync(CancellationToken.None);
        await _h.Sink.WaitForAsync(1, TimeSpan.FromSeconds(10));

        _h.Time.Advance(TimeSpan.FromMinutes(1));
        await _h.Planner.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.RunOnceAsync(CancellationToken.None);
        release.SetResult();
        await _h.Dispatcher.WhenAttemptsFinishedAsync();
        await _h.Completions.FlushAsync(CancellationToken.None);

        var runs = await _h.RunsAsync("long");
        Assert.Equal([RunState.Succeeded, RunState.Skipped], runs.Select(r => r.State));
        Assert.Contains("overlap forbid", runs[1].Reason);
        Assert.Single(_h.Sink.Requests);
    }

    [Fact]
    public async Task OverlapBufferOne_RunsTheBufferedFireAfterTheActiveOneFinishes()
    {
        var release = new TaskCompletionSource();
        _h.Sink.RespondInOrder(new SinkResponse(200, HoldUntil: release.Task));
        await _h.CreateJobAsync("buffered", """{ "every": "1m", "overlap": "buffer_one", "target": { "url": "SINK/" }, "timeout": "10m" }""");

        _h.Time.Advance(TimeSpan.FromMinutes(1));
        await _h.Planner.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.RunOnceAsync(CancellationToken.None);
        await _h.Sink.WaitForAsync(1, TimeSpan.FromSeconds(10));
        for (var i = 0; i < 2; i++)
        {
            _h.Time.Advance(TimeSpan.FromMinutes(1));
            await _h.Planner.RunOnceAsync(CancellationToken.None);
            await _h.Dispatcher.RunOnceAsync(CancellationToken.None); // the buffered run must wait
        }

        Assert.Single(_h.Sink.Requests);
        release.SetResult();
        await _h.Dispatcher.WhenAttemptsFinishedAsync();
        await _h.Completions.FlushAsync(CancellationToken.None);
        await _h.StepAsync();

        var runs = await _h.RunsAsync("buffered");
        Assert.Equal([RunState.Succeeded, RunState.Succeeded, RunState.Skipped], runs.Select(r => r.State));
        Assert.Contains("buffer_one", runs[2].Reason);
        Assert.Equal(2, _h.Sink.Requests.Count);
    }

    [Fact]
    public async Task Dispatcher_ClaimsNothingUntilThePlannerHasMadeItsFirstPass()
    {
        // On a restart the planner judges missed fires against the runs the outage left waiting; claims must not race it.
        await using var h = await EngineHarness.StartAsync();
        await h.CreateTaskDueNowAsync();

        await h.Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Equal(0, h.InFlight.Count);
        Assert.Empty(h.Sink.Requests);

        await h.Planner.RunOnceAsync(CancellationToken.None);
        await h.Dispatcher.RunOnceAsync(CancellationToken.None);
        await h.Dispatcher.WhenAttemptsFinishedAsync();
        Assert.Single(h.Sink.Requests);
    }

    [Fact]
    public async Task Dispatcher_ClaimsAnyway_WhenThePlannersFirstPassTakesLongerThanItsWait()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.CreateTaskDueNowAsync();

        await h.Dispatcher.RunOnceAsync(CancellationToken.None);
        h.Time.Advance(Engine.Dispatching.Dispatcher.MaxWaitForFirstPlanning - TimeSpan.FromSeconds(1));
        await h.Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Empty(h.Sink.Requests);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await h.Dispatcher.RunOnceAsync(CancellationToken.None);
        await h.Dispatcher.WhenAttemptsFinishedAsync();

        Assert.Single(h.Sink.Requests);
    }

    [Fact]
    public async Task Dispatcher_NeverHasMoreThanMaxInFlightAttempts_EvenWhenClaimingBackToBack()
    {
        await using var h = await EngineHarness.StartAsync(o => o.MaxInFlight = 3);
        var release = new TaskCompletionSource();
        h.Sink.Respond(_ => new SinkResponse(200, HoldUntil: release.Task));
        for (var i = 0; i < 10; i++)
        {
            await h.CreateTaskDueNowAsync();
        }

        await h.Planner.RunOnceAsync(CancellationToken.None);
        for (var round = 0; round < 5; round++)
        {
            await h.Dispatcher.RunOnceAsync(CancellationToken.None); // no await of the attempts in between
        }

        Assert.Equal(3, h.InFlight.Count);
        await h.Sink.WaitForAsync(3, TimeSpan.FromSeconds(10));
        release.SetResult();
        await h.Dispatcher.WhenAttemptsFinishedAsync();
        Assert.Equal(3, h.Sink.Requests.Count);
    }

    [Fact]
    public async Task Planner_WithAJobWhoseDefinitionNoLongerReads_DoesNotSpin()
    {
        var now = _h.Time.GetUtcNow();
        await _h.Store.Jobs.CreateAsync(new JobCreateRequest("corrupt", """{ "name": "corrupt" }""", now, now, now), CancellationToken.None);
        _h.Time.Advance(TimeSpan.FromSeconds(1));

        var wake = await _h.Planner.RunOnceAsync(CancellationToken.None);

        Assert.Equal(_h.Time.GetUtcNow() + _h.Options.PollInterval, wake);
        Assert.Empty(await _h.RunsAsync("corrupt"));
    }

    [Fact]
    public async Task Dispatcher_WakesForTheNextDueRun_WhileABufferedRunWaitsBehindARunningOne()
    {
        var release = new TaskCompletionSource();
        _h.Sink.RespondInOrder(new SinkResponse(200, HoldUntil: release.Task));
        await _h.CreateJobAsync("buffered", """{ "every": "1m", "overlap": "buffer_one", "target": { "url": "SINK/" }, "timeout": "10m" }""");
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        await _h.Planner.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.RunOnceAsync(CancellationToken.None);
        await _h.Sink.WaitForAsync(1, TimeSpan.FromSeconds(10));
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        await _h.Planner.RunOnceAsync(CancellationToken.None); // the buffered run is now due but blocked
        var spec = Core.Definitions.TaskDefinitionWriter.ToSpecJson(new Core.Tasks.TaskDefinition(
            new Core.Targets.HttpTargetSpec("POST", _h.Sink.Url("soon"), [], null),
            _h.Time.GetUtcNow() + TimeSpan.FromSeconds(2), null, TimeSpan.FromSeconds(30), Core.Retries.RetryPolicy.Default));
        await _h.Store.Runs.CreateTaskAsync(
            new Storage.Runs.TaskCreateRequest(null, spec, _h.Time.GetUtcNow() + TimeSpan.FromSeconds(2), _h.Time.GetUtcNow()), CancellationToken.None);

        var wake = await _h.Dispatcher.RunOnceAsync(CancellationToken.None);
        release.SetResult();

        Assert.Equal(_h.Time.GetUtcNow() + TimeSpan.FromSeconds(2), wake);
    }

    [Theory]
    [InlineData("latest", 1, 9)]
    [InlineData("skip", 0, 10)]
    [InlineData("all", 10, 0)]
    public async Task CatchUp_AfterTheEngineWasDown_FollowsThePolicy(string policy, int expectedRuns, int expectedSkipped)
    {
        await _h.CreateJobAsync("hourly", $$"""{ "schedule": "0 * * * *", "catch_up": "{{policy}}", "target": { "url": "SINK/" } }""");

        // Nothing ran for 10 hours and 30 minutes: fires at 09:00 … 18:00 were missed.
        _h.Time.Advance(TimeSpan.FromHours(10.5));
        await _h.StepUntilIdleAsync();

        var runs = await _h.RunsAsync("hourly");
        Assert.Equal(expectedRuns, runs.Count(r => r.State == RunState.Succeeded));
        Assert.Equal(expectedSkipped, runs.Count(r => r.State == RunState.Skipped));
        Assert.Equal(expectedRuns, _h.Sink.Requests.Count);
        if (policy == "latest")
        {
            Assert.Equal(new DateTimeOffset(2026, 3, 2, 18, 0, 0, TimeSpan.Zero), runs.Single(r => r.State == RunState.Succeeded).ScheduledFor);
        }

        var job = (await _h.Store.Jobs.GetAsync("hourly", CancellationToken.None))!;
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 19, 0, 0, TimeSpan.Zero), job.NextFireAt);
        Assert.Equal(expectedSkipped, job.MissedFires);
    }

    [Fact]
    public async Task ResumingAPausedJob_AppliesCatchUpToTheFiresMissedWhilePaused()
    {
        await _h.CreateJobAsync("paused", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" } }""");
        await _h.Store.Jobs.SetPausedAsync(new JobPauseRequest("paused", true, _h.Time.GetUtcNow()), CancellationToken.None);

        await _h.AdvanceAsync(TimeSpan.FromHours(5.5));
        Assert.Empty(await _h.RunsAsync("paused"));

        await _h.Store.Jobs.SetPausedAsync(new JobPauseRequest("paused", false, _h.Time.GetUtcNow()), CancellationToken.None);
        await _h.StepAsync();

        var runs = await _h.RunsAsync("paused");
        Assert.Single(runs, r => r.State == RunState.Succeeded);
        Assert.Equal(4, runs.Count(r => r.State == RunState.Skipped));
    }

    [Fact]
    public async Task Task_IsDeliveredAtItsDueTime()
    {
        var spec = Core.Definitions.TaskDefinitionWriter.ToSpecJson(new Core.Tasks.TaskDefinition(
            new Core.Targets.HttpTargetSpec("POST", _h.Sink.Url("task"), [], """{"n":1}"""),
            _h.Time.GetUtcNow() + TimeSpan.FromMinutes(5),
            "order-42",
            TimeSpan.FromSeconds(30),
            Core.Retries.RetryPolicy.Default));
        var created = await _h.Store.Runs.CreateTaskAsync(
            new Storage.Runs.TaskCreateRequest("order-42", spec, _h.Time.GetUtcNow() + TimeSpan.FromMinutes(5), _h.Time.GetUtcNow()), CancellationToken.None);

        await _h.AdvanceAsync(TimeSpan.FromMinutes(4));
        Assert.Empty(_h.Sink.Requests);
        await _h.AdvanceAsync(TimeSpan.FromMinutes(1));

        var request = Assert.Single(_h.Sink.Requests);
        Assert.Equal("task/order-42", request.IdempotencyKey);
        Assert.Equal(RunState.Succeeded, (await _h.RunAsync(created.Run.Id)).Run.State);
    }

    [Fact]
    public async Task ManualTrigger_WithBodyOverride_SendsTheOverride()
    {
        await _h.CreateJobAsync("ondemand", """{ "target": { "url": "SINK/", "body": { "a": 1 } } }""");

        var trigger = await _h.Store.Jobs.TriggerAsync(
            new TriggerRequest("ondemand", """{"a":2}""", _h.Time.GetUtcNow()),
            _h.Planning,
            CancellationToken.None);
        await _h.StepAsync();

        Assert.Equal("""{"a":2}""", Assert.Single(_h.Sink.Requests).Body);
        Assert.Equal(RunState.Succeeded, (await _h.RunAsync(trigger.Run!.Id)).Run.State);
    }
}
