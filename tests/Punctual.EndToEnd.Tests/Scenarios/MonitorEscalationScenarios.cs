using Punctual.Testing;

namespace Punctual.EndToEnd.Tests.Scenarios;

/// <summary>A monitor alerting at late, through the real server: opened (late), escalated (down), resolved — each once.</summary>
public sealed class MonitorEscalationScenarios : IAsyncLifetime
{
    private Deployment _d = null!;

    public async Task InitializeAsync() => _d = await Deployment.StartAsync(Deployment.FastAlerts("00:00:00.100"));

    public async Task DisposeAsync() => await _d.DisposeAsync();

    [Fact]
    public async Task AlertOnLate_OpensWhenLate_EscalatesOnceWhenDown_AndResolvesOnceWhenPinged()
    {
        await _d.ApplyAsync("""
            channels:
              ops: { type: webhook, url: SINK/alerts }
            monitors:
              backup: { period: 4s, grace: 3s, channels: [ops], alert_on: late }
            """);
        var token = await _d.CliAsync("monitors", "token", "backup");
        Assert.True(token.ExitCode == 0, token.ToString());
        var url = new Uri(token.Stdout.Trim());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal("OK\n", await http.GetStringAsync(url));

        await Eventually.UntilAsync(() => Task.FromResult(_d.AlertEvents()), e => e.Count >= 1, "the late alert arrived");
        await Eventually.UntilAsync(() => Task.FromResult(_d.AlertEvents()), e => e.Count >= 2, "the escalation arrived");
        Assert.Equal("down", (await _d.Client.GetMonitorAsync("backup")).State);
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System); // several more alerter passes: no second escalation
        Assert.Equal(["opened", "escalated"], _d.AlertEvents().Select(e => e.GetProperty("event").GetString()));

        Assert.Equal("OK\n", await http.GetStringAsync(url));
        await Eventually.UntilAsync(() => Task.FromResult(_d.AlertEvents()), e => e.Count >= 3, "the recovery arrived");
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);

        // Only this incident's messages: once up again, the monitor may go late again later and open a new one.
        var first = _d.AlertEvents()[0].GetProperty("incident_id").GetInt64();
        var events = _d.AlertEvents().Where(e => e.GetProperty("incident_id").GetInt64() == first).ToList();
        Assert.Equal(["opened", "escalated", "resolved"], events.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal(
            ["monitor 'backup' is late", "monitor 'backup' is down", "monitor 'backup' is up again"],
            events.Select(e => e.GetProperty("summary").GetString()));
    }
}
