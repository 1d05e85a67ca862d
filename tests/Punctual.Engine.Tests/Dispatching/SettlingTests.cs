using Punctual.Core.Gates;
using Punctual.Core.Runs;
using Punctual.Storage.Gates;

namespace Punctual.Engine.Tests.Dispatching;

/// <summary>
/// Between the end of an attempt and the write of its completion, the run is settling: still running in the store,
/// with nothing in flight. It keeps its lease (no other node may repeat it) but holds no gate concurrency slot.
/// </summary>
public sealed class SettlingTests : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await EngineHarness.StartAsync(o => o.LeaseDuration = TimeSpan.FromSeconds(30));

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task AnEndedAttempt_KeepsItsLease_UntilItsCompletionIsWritten()
    {
        await _h.Reaper.RunOnceAsync(CancellationToken.None);
        await _h.CreateJobAsync("nightly", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" } }""");
        _h.Time.Advance(TimeSpan.FromHours(1));
        await _h.Planner.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.WhenAttemptsFinishedAsync();

        // The completion is not written (a slow store) while the lease's 30 s pass twice over; the keeper renews it.
        for (var i = 0; i < 4; i++)
        {
            _h.Time.Advance(TimeSpan.FromSeconds(20));
            await _h.Keeper.RunOnceAsync(CancellationToken.None);
            await _h.Reaper.RunOnceAsync(CancellationToken.None);
        }

        var run = Assert.Single(await _h.RunsAsync("nightly"));
        Assert.Equal(RunState.Running, run.State);
        await _h.Completions.FlushAsync(CancellationToken.None);
        var done = await _h.RunAsync(run.Id);
        Assert.Equal(RunState.Succeeded, done.Run.State);
        Assert.Single(done.Attempts);
        Assert.Single(_h.Sink.Requests);
    }

    [Fact]
    public async Task AnEndedAttempt_FreesItsGateSlot_BeforeItsCompletionIsWritten()
    {
        var now = _h.Time.GetUtcNow();
        await _h.Store.Gates.UpsertAsync(new GateUpsertRequest(new GateDefinition("narrow", GateLimits.Create(1000, 1000, 1, adaptive: false), null), now), CancellationToken.None);
        await _h.CreateJobAsync("a", """{ "schedule": "0 * * * *", "gate": "narrow", "target": { "url": "SINK/" } }""");
        await _h.CreateJobAsync("b", """{ "schedule": "0 * * * *", "gate": "narrow", "target": { "url": "SINK/" } }""");
        _h.Time.Advance(TimeSpan.FromHours(1));
        await _h.Planner.RunOnceAsync(CancellationToken.None);

        await _h.Dispatcher.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.WhenAttemptsFinishedAsync();
        Assert.Single(_h.Sink.Requests);

        // The first run is still running in the store (its completion is queued), yet its attempt is over.
        Assert.Contains(RunState.Running, (await _h.RunsAsync()).Select(r => r.State));
        await _h.Dispatcher.RunOnceAsync(CancellationToken.None);
        await _h.Dispatcher.WhenAttemptsFinishedAsync();
        Assert.Equal(2, _h.Sink.Requests.Count);
        Assert.True(_h.Sink.PeakInFlight <= 1);

        await _h.Completions.FlushAsync(CancellationToken.None);
        Assert.All(await _h.RunsAsync(), r => Assert.Equal(RunState.Succeeded, r.State));
    }

    [Fact]
    public void ALostLease_StopsOnlyTheAttemptItWasAskedFor()
    {
        // A settling attempt's lease renewal can come back lost after the run was claimed again: the new attempt goes on.
        using var entry = _h.InFlight.Register(42, attempt: 2);

        Assert.False(_h.InFlight.Abort(42, "lease lost", attempt: 1));
        Assert.False(entry.Token.IsCancellationRequested);
        Assert.True(_h.InFlight.Abort(42, "lease lost", attempt: 2));
        Assert.True(entry.Token.IsCancellationRequested);
    }
}
