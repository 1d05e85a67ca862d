using Punctual.Core.Alerts;
using Punctual.Core.Definitions;
using Punctual.Core.Gates;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Gates;
using Punctual.Storage.Jobs;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.Gates;

/// <summary>A gate's backlog alert block as the store keeps it, and the backlog facts the alerter reads in one query.</summary>
public abstract class GateAlertConformance : StoreConformance
{
    private static readonly GateAlertSpec Alert = new(2, TimeSpan.FromMinutes(5), ["ops", "pager"], TimeSpan.FromHours(4));

    private Task<GateWriteResult> DeclareAsync(string name, GateAlertSpec? alert) =>
        Store.Gates.UpsertAsync(new GateUpsertRequest(new GateDefinition(name, GateLimits.Create(1, 1, null, adaptive: false), true, alert), At.T0), Ct);

    private async Task TasksAsync(string gate, params DateTimeOffset[] dues)
    {
        foreach (var due in dues)
        {
            await Store.Runs.CreateTaskAsync(new TaskCreateRequest(null, Specs.Task(), due, At.T0, gate), Ct);
        }
    }

    [Fact]
    public async Task TheAlertBlock_IsStoredWithTheGate_AndReplacedOrRemovedByTheNextUpsert()
    {
        await DeclareAsync("billing", Alert);

        var stored = (await Store.Gates.GetAsync("billing", At.T0, Ct))!.Alert;
        Assert.NotNull(stored);
        Assert.Equal((2, TimeSpan.FromMinutes(5), (TimeSpan?)TimeSpan.FromHours(4)), (stored.BacklogAbove, stored.For, stored.Repeat));
        Assert.Equal(["ops", "pager"], stored.Channels);
        Assert.Equal(GateAlertWriter.ToJson(stored), GateAlertWriter.ToJson(Assert.Single(await Store.Gates.ListAsync(At.T0, Ct)).Alert!));

        await DeclareAsync("billing", Alert with { BacklogAbove = 7, Repeat = null });
        Assert.Equal((7, (TimeSpan?)null), ((await Store.Gates.GetAsync("billing", At.T0, Ct))!.Alert!.BacklogAbove, (await Store.Gates.GetAsync("billing", At.T0, Ct))!.Alert!.Repeat));

        await DeclareAsync("billing", null);
        Assert.Null((await Store.Gates.GetAsync("billing", At.T0, Ct))!.Alert);
        Assert.Empty(await Store.Gates.ListBacklogAlertsAsync(At.T0, Ct));
    }

    [Fact]
    public async Task Apply_StoresTheAlertBlockWithTheGate()
    {
        var gate = new GateDefinition("declared", GateLimits.Create(5, 5, null, adaptive: false), null, Alert);

        Assert.Equal(JobWriteStatus.Done, (await Store.Jobs.ApplyAsync(new JobApplyRequest([], [], [], At.T0, [gate], []), Ct)).Status);

        Assert.Equal(2, (await Store.Gates.GetAsync("declared", At.T0, Ct))!.Alert!.BacklogAbove);
    }

    [Fact]
    public async Task BacklogAlerts_ListOnlyGatesWithAnAlert_WithTheirBacklog_AndTheDueTimeOfTheRunPastTheThreshold()
    {
        await DeclareAsync("billing", Alert);
        await DeclareAsync("quiet", Alert);
        await DeclareAsync("plain", null);
        await TasksAsync("billing", At.Minute(3), At.Minute(1), At.Minute(2), At.Minute(4), At.Minute(30));
        await TasksAsync("quiet", At.Minute(1), At.Minute(2));
        await TasksAsync("plain", At.Minute(1), At.Minute(2), At.Minute(3));

        var alerts = await Store.Gates.ListBacklogAlertsAsync(At.Minute(10), Ct);

        Assert.Equal(["billing", "quiet"], alerts.Select(a => a.Name));
        // billing: 4 due by minute 10 (the one due at minute 30 is not), and the 3rd oldest fell due at minute 3.
        Assert.Equal(new GateBacklogFacts(4, At.Minute(3)), alerts[0].Facts);
        Assert.Equal(GateAlertWriter.ToJson(Alert), GateAlertWriter.ToJson(alerts[0].Alert));
        // quiet: 2 due, not above its threshold of 2.
        Assert.Equal(new GateBacklogFacts(2, null), alerts[1].Facts);
    }

    [Fact]
    public async Task BacklogAlerts_CountOnlyRunsStillWaiting()
    {
        await Store.Gates.UpsertAsync(new GateUpsertRequest(new GateDefinition("open", GateLimits.Create(1_000, 1_000, null, adaptive: false), false, Alert with { BacklogAbove = 1 }), At.T0), Ct);
        await TasksAsync("open", At.Minute(1), At.Minute(2), At.Minute(3));

        Assert.Equal(3, (await Seed.ClaimAsync(At.Minute(10))).Claimed.Count);

        Assert.Equal(new GateBacklogFacts(0, null), Assert.Single(await Store.Gates.ListBacklogAlertsAsync(At.Minute(10), Ct)).Facts);
    }
}
