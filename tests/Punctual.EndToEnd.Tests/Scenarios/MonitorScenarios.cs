using Punctual.Testing;

namespace Punctual.EndToEnd.Tests.Scenarios;

/// <summary>Monitors through the real server: ping URLs, late → down → up with alerts, and `punctual exec` wrapping real commands.</summary>
public sealed class MonitorScenarios : IAsyncLifetime
{
    private Deployment _d = null!;

    public async Task InitializeAsync() => _d = await Deployment.StartAsync(Deployment.FastAlerts("00:00:00.100"));

    public async Task DisposeAsync() => await _d.DisposeAsync();

    private async Task<Uri> PingUrlAsync(string monitor)
    {
        var token = await _d.CliAsync("monitors", "token", monitor);
        Assert.True(token.ExitCode == 0, token.ToString());
        return new Uri(token.Stdout.Trim());
    }

    [Fact]
    public async Task AMonitor_GoesLateThenDown_Alerts_AndARealPingBringsItBackUp()
    {
        await _d.ApplyAsync("""
            channels:
              ops: { type: webhook, url: SINK/alerts }
            monitors:
              backup: { period: 3s, grace: 4s, channels: [ops] }
            """);
        var url = await PingUrlAsync("backup");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        Assert.Equal("new", (await _d.Client.GetMonitorAsync("backup")).State);
        Assert.Equal("OK\n", await http.GetStringAsync(url));
        Assert.Equal("up", (await _d.Client.GetMonitorAsync("backup")).State);
        await Eventually.UntilAsync(() => _d.Client.GetMonitorAsync("backup"), m => m.State == "late", "the monitor went late");
        Assert.Empty(_d.AlertEvents());
        await Eventually.UntilAsync(() => Task.FromResult(_d.AlertEvents()), e => e.Count == 1, "the down alert arrived");
        Assert.Equal("down", (await _d.Client.GetMonitorAsync("backup")).State);

        using (var response = await http.PostAsync(new Uri(url + "/0"), new StringContent("backup finished: 42 files")))
        {
            Assert.True(response.IsSuccessStatusCode);
        }

        var events = await Eventually.UntilAsync(() => Task.FromResult(_d.AlertEvents()), e => e.Count == 2, "the recovery arrived");
        Assert.Equal([("opened", "monitor_down"), ("resolved", "monitor_down")], events.Select(e => (e.GetProperty("event").GetString(), e.GetProperty("kind").GetString())));
        var monitor = await _d.Client.GetMonitorAsync("backup");
        Assert.Equal("up", monitor.State);
        Assert.Equal("backup finished: 42 files", monitor.Pings![0].Output);
        using var unknown = await http.GetAsync(new Uri(_d.Server.BaseUrl, "ping/not-a-real-token-000000000"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain(url.AbsolutePath.Split('/')[^1], _d.Server.Output);
    }

    [Fact]
    public async Task Exec_PingsStartAndResult_AndExitsWithTheCommandsStatus()
    {
        await _d.ApplyAsync("""
            monitors:
              nightly: { schedule: "0 2 * * *", grace: 1h }
            """);

        var ok = await _d.CliAsync("exec", "--monitor", "nightly", "--", "sh", "-c", "echo hello from the job; exit 0");
        var okMonitor = await _d.Client.GetMonitorAsync("nightly");
        var three = await _d.CliAsync("exec", "--monitor", "nightly", "--", "sh", "-c", "echo about to fail >&2; exit 3");
        var threeMonitor = await _d.Client.GetMonitorAsync("nightly");
        var killed = await _d.CliAsync("exec", "--monitor", "nightly", "--", "sh", "-c", "kill -9 $$");
        var killedMonitor = await _d.Client.GetMonitorAsync("nightly");

        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains("hello from the job", ok.Stdout);
        Assert.Equal(("up", 0), (okMonitor.State, okMonitor.LastExitStatus));
        Assert.Equal(["success", "start"], okMonitor.Pings!.Select(p => p.Kind));
        Assert.Contains("hello from the job", okMonitor.Pings![0].Output);
        Assert.NotNull(okMonitor.Pings![0].DurationMs);

        Assert.Equal(3, three.ExitCode);
        Assert.Contains("about to fail", three.Stderr);
        Assert.Equal(("down", 3), (threeMonitor.State, threeMonitor.LastExitStatus));
        Assert.Contains("about to fail", threeMonitor.Pings![0].Output);

        Assert.Equal(137, killed.ExitCode);
        Assert.Equal(("down", 137, "fail"), (killedMonitor.State, killedMonitor.LastExitStatus, killedMonitor.Pings![0].Kind));
    }

    [Fact]
    public async Task Exec_RunsTheCommandAnyway_WhenTheServerIsUnreachableOrTheMonitorUnknown()
    {
        var unreachable = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["PUNCTUAL_URL"] = $"http://127.0.0.1:{FreePort.Next()}", ["PUNCTUAL_KEY"] = ServerProcess.AdminKey },
            "exec", "--monitor", "nightly", "--", "sh", "-c", "echo still ran; exit 4");
        var unknown = await _d.CliAsync("exec", "--monitor", "nope", "--", "sh", "-c", "echo ran too");

        Assert.Equal(4, unreachable.ExitCode);
        Assert.Contains("still ran", unreachable.Stdout);
        Assert.Contains("cannot reach the server", unreachable.Stderr);
        Assert.Contains("running the command anyway", unreachable.Stderr);
        Assert.Equal(0, unknown.ExitCode);
        Assert.Contains("ran too", unknown.Stdout);
        Assert.Contains("no monitor named 'nope'", unknown.Stderr);
    }
}
