using Punctual.Core.Runs;

namespace Punctual.Engine.Tests.Maintenance;

public sealed class PrunerTests : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await EngineHarness.StartAsync(o =>
    {
        o.HistoryRetention = TimeSpan.FromDays(2);
        o.PruneBatchSize = 2;
    });

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Prune_DeletesFinishedRunsOlderThanTheRetention_InBatches()
    {
        await _h.CreateJobAsync("hourly", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" } }""");
        for (var i = 0; i < 5; i++)
        {
            await _h.AdvanceAsync(TimeSpan.FromHours(1));
        }

        _h.Time.Advance(TimeSpan.FromDays(2) - TimeSpan.FromHours(1.5));
        await _h.Pruner.RunOnceAsync(CancellationToken.None);

        // Runs finished at 09:00, 10:00 and 11:00 (more than two days ago) are gone; 12:00 and 13:00 remain.
        var left = await _h.RunsAsync("hourly");
        Assert.Equal(2, left.Count);
        Assert.All(left, r => Assert.Equal(RunState.Succeeded, r.State));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero), left[0].ScheduledFor);
    }
}
