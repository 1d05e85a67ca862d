using Punctual.Client;
using Punctual.Testing;

namespace Punctual.EndToEnd.Tests.Scenarios;

/// <summary>A gate's backlog alert through the real server process: one opened event, one resolved event, at a real webhook.</summary>
public sealed class GateAlertScenarios : IAsyncLifetime
{
    private Deployment _d = null!;

    public async Task InitializeAsync() => _d = await Deployment.StartAsync(Deployment.FastAlerts("00:00:00.200"));

    public async Task DisposeAsync() => await _d.DisposeAsync();

    [Fact]
    public async Task APausedGatesBacklog_OpensOneIncident_AndDrainingItSendsOneRecovery()
    {
        await _d.ApplyAsync("""
            channels:
              ops: { type: webhook, url: SINK/alerts }
            gates:
              billing: { rate: 50/s, paused: true, alert: { backlog_above: 2, channels: [ops] } }
            """);

        var gate = await _d.CliAsync("gates", "billing", "--output", "json");
        Assert.True(gate.ExitCode == 0, gate.ToString());
        Assert.Contains("\"backlog_above\": 2", gate.Stdout, StringComparison.Ordinal);
        var detail = await _d.CliAsync("gates", "billing");
        Assert.Contains("alert when backlog above 2 to ops", detail.Stdout, StringComparison.Ordinal);
        var table = await _d.CliAsync("gates");
        Assert.Contains("ALERT ABOVE", table.Stdout, StringComparison.Ordinal);

        var runs = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add((await _d.Client.CreateTaskAsync(new TaskRequest { Target = new TaskTarget { Url = _d.Sink.Url("charge") }, Gate = "billing" })).Run.Id);
        }

        var opened = await Eventually.UntilAsync(() => Task.FromResult(_d.AlertEvents()), e => e.Count >= 1, "the backlog alert arrived");
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System); // several more alerter passes: no second alert
        Assert.Single(_d.AlertEvents());
        Assert.DoesNotContain(_d.Sink.Requests, r => r.Path == "/charge");

        var resumed = await _d.CliAsync("resume", "--gate", "billing");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        foreach (var id in runs)
        {
            await _d.RunUntilAsync(id, r => r.State == "succeeded", $"run {id} was delivered");
        }

        await Eventually.UntilAsync(() => Task.FromResult(_d.AlertEvents()), e => e.Count >= 2, "the recovery arrived");
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);

        var all = _d.AlertEvents();
        Assert.Equal(["opened", "resolved"], all.Select(e => e.GetProperty("event").GetString()));
        Assert.All(all, e => Assert.Equal("gate_backlog", e.GetProperty("kind").GetString()));
        Assert.All(all, e => Assert.Equal("gate:billing:backlog", e.GetProperty("cause").GetString()));
        Assert.Equal("gate 'billing' has 3 runs waiting (above 2)", opened[0].GetProperty("summary").GetString());
        Assert.Equal("gate 'billing' backlog is back to 2 or fewer runs", all[1].GetProperty("summary").GetString());
        Assert.Equal(all[0].GetProperty("incident_id").GetInt64(), all[1].GetProperty("incident_id").GetInt64());
    }
}
