using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Monitors;

namespace Punctual.Storage.Conformance.Monitors;

/// <summary>Monitors and their pings: found by name or token hash, start → end durations, bounded ping history.</summary>
public abstract class MonitorConformance : StoreConformance
{
    private const string Spec = """{"name":"backup","period":"1h","timezone":"UTC","grace":"5m","channels":[]}""";
    private static readonly string Hash = new('a', 64);

    private Task<MonitorPing?> PingAsync(string kind, DateTimeOffset at, int? exit = null, string? name = null, string? hash = null, string? output = null) =>
        Store.Monitors.RecordPingAsync(new MonitorPingRequest(name, name is null ? hash ?? Hash : null, kind, exit, output, at), Ct);

    [Fact]
    public async Task Upsert_CreatesUpdatesAndDeletes_KeepingTheToken()
    {
        Assert.Equal(MonitorWriteStatus.Created, await Store.Monitors.UpsertAsync(new MonitorUpsertRequest("backup", Spec, Hash, At.T0), Ct));
        Assert.Equal(MonitorWriteStatus.Unchanged, await Store.Monitors.UpsertAsync(new MonitorUpsertRequest("backup", Spec, new string('b', 64), At.Minute(1)), Ct));
        var changed = Spec.Replace("1h", "2h", StringComparison.Ordinal);
        Assert.Equal(MonitorWriteStatus.Updated, await Store.Monitors.UpsertAsync(new MonitorUpsertRequest("backup", changed, new string('b', 64), At.Minute(2)), Ct));

        var monitor = Assert.Single(await Store.Monitors.ListAsync(Ct));
        Assert.Equal((changed, At.T0, At.Minute(2)), (monitor.SpecJson, monitor.CreatedAt, monitor.UpdatedAt));
        Assert.NotNull(await PingAsync("success", At.Minute(3)));
        Assert.Equal(MonitorWriteStatus.Deleted, await Store.Monitors.DeleteAsync("backup", Ct));
        Assert.Equal(MonitorWriteStatus.NotFound, await Store.Monitors.DeleteAsync("backup", Ct));
        Assert.Null(await Store.Monitors.GetAsync("backup", Ct));
    }

    [Fact]
    public async Task Pings_ByTokenHashOrName_MeasureStartToEnd_AndUnknownOnesRecordNothing()
    {
        await Store.Monitors.UpsertAsync(new MonitorUpsertRequest("backup", Spec, Hash, At.T0), Ct);

        var start = await PingAsync("start", At.Minute(1));
        var end = await PingAsync("success", At.Minute(3), output: "done");
        var failed = await PingAsync("fail", At.Minute(10), exit: 3, name: "backup");
        var unknown = await PingAsync("success", At.Minute(11), hash: new string('f', 64));
        var unknownName = await PingAsync("success", At.Minute(11), name: "nope");

        Assert.NotNull(start);
        Assert.Equal((120_000L, "done", "backup"), (end!.DurationMs, end.Output, end.Monitor));
        Assert.Null(failed!.DurationMs);
        Assert.Null(unknown);
        Assert.Null(unknownName);
        var monitor = (await Store.Monitors.GetAsync("backup", Ct))!;
        Assert.Equal(
            ((DateTimeOffset?)At.Minute(10), (DateTimeOffset?)At.Minute(1), (DateTimeOffset?)At.Minute(3), (DateTimeOffset?)At.Minute(10), (int?)3, (long?)null),
            (monitor.LastPingAt, monitor.LastStartAt, monitor.LastSuccessAt, monitor.LastFailAt, monitor.LastExitStatus, monitor.LastDurationMs));
        var pings = await Store.Monitors.ListPingsAsync("backup", 10, Ct);
        Assert.Equal(["fail", "success", "start"], pings.Select(p => p.Kind));
    }

    [Fact]
    public async Task SetToken_ReplacesTheOldOne()
    {
        await Store.Monitors.UpsertAsync(new MonitorUpsertRequest("backup", Spec, Hash, At.T0), Ct);
        var fresh = new string('c', 64);

        Assert.True(await Store.Monitors.SetTokenAsync("backup", fresh, At.Minute(1), Ct));
        Assert.False(await Store.Monitors.SetTokenAsync("nope", fresh, At.Minute(1), Ct));
        Assert.Null(await PingAsync("success", At.Minute(2)));
        Assert.NotNull(await PingAsync("success", At.Minute(2), hash: fresh));
    }

    [Fact]
    public async Task PingHistory_IsBounded()
    {
        await Store.Monitors.UpsertAsync(new MonitorUpsertRequest("backup", Spec, Hash, At.T0), Ct);
        for (var i = 0; i < 105; i++)
        {
            await PingAsync("success", At.Second(i));
        }

        var pings = await Store.Monitors.ListPingsAsync("backup", 1000, Ct);

        Assert.Equal(100, pings.Count);
        Assert.Equal(At.Second(104), pings[0].At);
    }
}
