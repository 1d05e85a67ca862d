using Punctual.Core.Runs;
using Punctual.Testing;

namespace Punctual.Engine.Tests.Leases;

/// <summary>Graceful shutdown: attempts get a grace period, then their runs go back to the cluster, untouched budgets.</summary>
public sealed class ShutdownTests : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await EngineHarness.StartAsync(o => o.ShutdownGrace = TimeSpan.FromSeconds(10));

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task AnAttemptThatFinishesWithinTheGrace_IsCompletedNormally()
    {
        var release = new TaskCompletionSource();
        _h.Sink.Respond(_ => new SinkResponse(200, HoldUntil: release.Task));
        await _h.CreateJobAsync("job", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" }, "timeout": "10m" }""");
        _h.Time.Advance(TimeSpan.FromHours(1));
        await _h.Planner.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.RunOnceAsync(CancellationToken.None);
        await _h.Sink.WaitForAsync(1, TimeSpan.FromSeconds(10));

        var stopping = _h.Drain.StopAsync(CancellationToken.None);
        release.SetResult();
        await stopping;
        await _h.Completions.FlushAsync(CancellationToken.None);

        Assert.Equal(RunState.Succeeded, Assert.Single(await _h.RunsAsync("job")).State);
    }

    [Fact]
    public async Task AttemptsStillRunningAfterTheGrace_AreReleased_WithoutSpendingARetry()
    {
        var release = new TaskCompletionSource();
        _h.Sink.Respond(_ => new SinkResponse(200, HoldUntil: release.Task));
        await _h.Heartbeat.RunOnceAsync(CancellationToken.None);
        await _h.CreateJobAsync("job", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" }, "timeout": "10m", "retry": { "attempts": 1 } }""");
        _h.Time.Advance(TimeSpan.FromHours(1));
        await _h.Planner.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.RunOnceAsync(CancellationToken.None);
        await _h.Sink.WaitForAsync(1, TimeSpan.FromSeconds(10));

        var stopping = _h.Drain.StopAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => Task.FromResult(_h.Time.GetUtcNow()), _ => { _h.Time.Advance(TimeSpan.FromSeconds(1)); return stopping.IsCompleted; }, "the drain released the run");
        await _h.Completions.FlushAsync(CancellationToken.None);
        release.SetResult();

        var detail = await _h.RunAsync(Assert.Single(await _h.RunsAsync("job")).Id);
        Assert.Equal(RunState.Pending, detail.Run.State);
        Assert.Equal(1, detail.Run.AttemptBase); // the released attempt does not count: "attempts: 1" still allows one more
        Assert.Equal("released", Assert.Single(detail.Attempts).Outcome);
        Assert.Equal(0, _h.InFlight.Count);
        Assert.NotNull(Assert.Single(await _h.Store.Nodes.ListAsync(CancellationToken.None)).StoppedAt);
    }

    [Fact]
    public async Task Heartbeat_PutsTheNodeOnTheRoster()
    {
        await _h.Heartbeat.RunOnceAsync(CancellationToken.None);

        var node = Assert.Single(await _h.Store.Nodes.ListAsync(CancellationToken.None));
        Assert.Equal((EngineHarness.Start, 0, (DateTimeOffset?)null), (node.StartedAt, node.InFlight, node.StoppedAt));
    }
}
