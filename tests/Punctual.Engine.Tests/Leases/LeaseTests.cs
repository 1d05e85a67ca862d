using Punctual.Core.Runs;
using Punctual.Storage.Runs;
using Punctual.Testing;

namespace Punctual.Engine.Tests.Leases;

/// <summary>Crash safety: a dead node's runs are taken over by lease expiry and retried with the same key.</summary>
public sealed class LeaseTests : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await EngineHarness.StartAsync(o => o.LeaseDuration = TimeSpan.FromSeconds(30));

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task RunLeasedByADeadNode_IsRetriedAfterTheLeaseExpires_WithTheSameKey()
    {
        await _h.Reaper.RunOnceAsync(CancellationToken.None); // the start-up rescue round is behind us
        await _h.CreateJobAsync("nightly", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" }, "retry": { "backoff": "1s..1s" } }""");
        _h.Time.Advance(TimeSpan.FromHours(1));
        await _h.Planner.RunOnceAsync(CancellationToken.None);
        var now = _h.Time.GetUtcNow();
        var claim = await _h.Store.Runs.ClaimDueAsync(
            new ClaimRequest(now, 10, "dead-node", now + TimeSpan.FromSeconds(30)), new Engine.Dispatching.ClaimDecider(new Engine.Specs.SpecCache()), CancellationToken.None);
        var claimed = Assert.Single(claim.Claimed);

        await _h.AdvanceAsync(TimeSpan.FromSeconds(29));
        Assert.Equal(RunState.Running, (await _h.RunAsync(claimed.Run.Id)).Run.State); // lease still valid

        await _h.AdvanceAsync(TimeSpan.FromSeconds(2));
        var rescued = await _h.RunAsync(claimed.Run.Id);
        Assert.Equal(RunState.Failed, rescued.Run.State);
        Assert.Equal("node_lost", rescued.Attempts[0].ErrorClass);

        await _h.AdvanceAsync(TimeSpan.FromSeconds(1));
        var done = await _h.RunAsync(claimed.Run.Id);
        Assert.Equal(RunState.Succeeded, done.Run.State);
        Assert.Equal(2, done.Attempts.Count);
        var request = Assert.Single(_h.Sink.Requests);
        Assert.Equal("nightly/2026-03-02T09:00:00Z", request.IdempotencyKey);
        Assert.Equal(2, request.Attempt);
    }

    [Fact]
    public async Task OnASingleNodeStore_RunsLeftRunningByAnEarlierProcess_AreRescuedAtStart()
    {
        await _h.CreateJobAsync("nightly", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" }, "retry": { "backoff": "1s..1s" } }""");
        _h.Time.Advance(TimeSpan.FromHours(1));
        await _h.Planner.RunOnceAsync(CancellationToken.None);
        var now = _h.Time.GetUtcNow();
        var claim = await _h.Store.Runs.ClaimDueAsync(
            new ClaimRequest(now, 10, "previous-process", now + TimeSpan.FromMinutes(30)), new Engine.Dispatching.ClaimDecider(new Engine.Specs.SpecCache()), CancellationToken.None);

        await _h.Reaper.RunOnceAsync(CancellationToken.None);

        Assert.Equal(RunState.Failed, (await _h.RunAsync(Assert.Single(claim.Claimed).Run.Id)).Run.State);
    }

    [Fact]
    public async Task CancellingARunningRun_StopsItsAttemptAtTheNextLeaseRenewal()
    {
        var release = new TaskCompletionSource();
        _h.Sink.Respond(_ => new SinkResponse(200, HoldUntil: release.Task));
        await _h.CreateJobAsync("slow", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" }, "timeout": "10m" }""");
        _h.Time.Advance(TimeSpan.FromHours(1));
        await _h.Planner.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.RunOnceAsync(CancellationToken.None);
        await _h.Sink.WaitForAsync(1, TimeSpan.FromSeconds(10));
        var run = Assert.Single(await _h.RunsAsync("slow"));

        var cancel = await _h.Store.Runs.CancelAsync(new CancelRequest(run.Id, "operator", _h.Time.GetUtcNow()), CancellationToken.None);
        Assert.True(cancel.WasRunning);
        await _h.Keeper.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.WhenAttemptsFinishedAsync();
        await _h.Completions.FlushAsync(CancellationToken.None);
        release.SetResult();

        var detail = await _h.RunAsync(run.Id);
        Assert.Equal(RunState.Cancelled, detail.Run.State);
        Assert.Equal(0, _h.InFlight.Count);
    }
}
