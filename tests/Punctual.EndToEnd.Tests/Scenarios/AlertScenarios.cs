using System.Text.Json;
using Punctual.Testing;

namespace Punctual.EndToEnd.Tests.Scenarios;

/// <summary>Alerts through the real server process: incidents open once, recover once, and reach a real webhook.</summary>
public sealed class AlertScenarios : IAsyncLifetime
{
    private Deployment _d = null!;
    private volatile bool _jobFails = true;

    public async Task InitializeAsync()
    {
        _d = await Deployment.StartAsync(Deployment.FastAlerts("00:00:00.200"));
        _d.Sink.Respond(r => r.Path.StartsWith("/job", StringComparison.Ordinal) && _jobFails ? new SinkResponse(400, Body: "bad") : SinkResponse.Ok);
    }

    public async Task DisposeAsync() => await _d.DisposeAsync();

    private Task<List<JsonElement>> AlertEventsUntilAsync(Func<List<JsonElement>, bool> done, string what) =>
        Eventually.UntilAsync(() => Task.FromResult(_d.AlertEvents()), done, what);

    [Fact]
    public async Task DeadRuns_OpenOneIncident_AndASuccessSendsOneRecovery()
    {
        await _d.ApplyAsync("""
            channels:
              ops: { type: webhook, url: SINK/alerts }
            jobs:
              billing:
                target: { url: SINK/job }
                retry: { attempts: 1 }
                alert: { on: [dead], channels: [ops] }
            """);

        await _d.CliAsync("trigger", "billing");
        await _d.RunsUntilAsync("billing", r => r.Count(x => x.State == "dead") == 1, "the first run died");
        await _d.CliAsync("trigger", "billing");
        await _d.RunsUntilAsync("billing", r => r.Count(x => x.State == "dead") == 2, "the second run died");
        var opened = await AlertEventsUntilAsync(e => e.Count >= 1, "the dead alert arrived");
        _jobFails = false;
        await _d.CliAsync("trigger", "billing");
        var all = await AlertEventsUntilAsync(e => e.Count >= 2, "the recovery arrived");
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System); // several more alerter passes: nothing more may come

        all = _d.AlertEvents();
        Assert.Equal(["opened", "resolved"], all.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal("dead", all[0].GetProperty("kind").GetString());
        Assert.Equal("billing", all[0].GetProperty("subject").GetString());
        Assert.Contains("400", all[0].GetProperty("detail").GetString());
        Assert.Equal(all[0].GetProperty("incident_id").GetInt64(), all[1].GetProperty("incident_id").GetInt64());
        Assert.Single(opened);

        var incidents = await _d.CliAsync("incidents", "--output", "json");
        Assert.True(incidents.ExitCode == 0, incidents.ToString());
        Assert.Contains("\"resolution\"", incidents.Stdout);
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri(_d.Server.BaseUrl, "metrics"));
        Assert.Contains(
            metrics.Split('\n'),
            line => line.StartsWith("punctual_alerts_sent_total{", StringComparison.Ordinal) && line.Contains("channel=\"ops\"", StringComparison.Ordinal)
                && line.Contains("event=\"opened\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChannelsTest_SendsATestMessage_AndAFailingChannelExitsNonZero()
    {
        await _d.ApplyAsync("""
            channels:
              ops: { type: webhook, url: SINK/alerts }
              broken: { type: webhook, url: SINK/job-broken }
            """);

        var ok = await _d.CliAsync("channels", "test", "ops");
        var failed = await _d.CliAsync("channels", "test", "broken");

        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Equal("test", Assert.Single(_d.AlertEvents()).GetProperty("event").GetString());
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("HTTP 400", failed.Stderr);
    }

    [Fact]
    public async Task EmailChannel_DeliversTheIncident_ToARealSmtpServer()
    {
        await using var smtp = SmtpSink.Start();
        await _d.ApplyAsync($$"""
            channels:
              mail:
                type: email
                host: 127.0.0.1
                port: {{smtp.Port}}
                tls: none
                from: punctual@example.com
                to: [ops@example.com, oncall@example.com]
            jobs:
              billing:
                target: { url: SINK/job }
                retry: { attempts: 1 }
                alert: { channels: [mail] }
            """);

        var test = await _d.CliAsync("channels", "test", "mail");
        Assert.True(test.ExitCode == 0, test.ToString());
        await _d.CliAsync("trigger", "billing");
        var messages = await Eventually.UntilAsync(() => Task.FromResult(smtp.Messages), m => m.Count >= 2, "the test and the dead alert arrived by e-mail");

        Assert.Equal("test", messages[0].Header("X-Punctual-Event"));
        var alert = messages[1];
        Assert.Equal("punctual@example.com", alert.From);
        Assert.Equal(["ops@example.com", "oncall@example.com"], alert.To);
        Assert.Equal("opened", alert.Header("X-Punctual-Event"));
        Assert.Contains("billing", alert.Header("Subject"));
        Assert.Contains("HTTP 400", alert.Data);
    }

    [Fact]
    public async Task AFireMissedWhileTheServerWasDown_AlertsOnceAfterTheRestart()
    {
        // Far enough ahead that applying and stopping finish before it, even on a loaded machine.
        var fireAt = TimeProvider.System.GetUtcNow().AddSeconds(12);
        await _d.ApplyAsync($$"""
            channels:
              ops: { type: webhook, url: SINK/alerts }
            jobs:
              nightly:
                at: "{{fireAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}"
                target: { url: SINK/nightly }
                alert: { on: [missed], missed_after: 1s, channels: [ops] }
            """);
        Assert.Equal(0, await _d.Server.StopAsync());
        Assert.True(TimeProvider.System.GetUtcNow() < fireAt, "the server stopped only after the fire time; the test proves nothing");

        var restartAt = fireAt.AddSeconds(3);
        var wait = restartAt - TimeProvider.System.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, TimeProvider.System);
        }

        await _d.Server.StartAsync();
        await _d.RunsUntilAsync("nightly", r => r.Any(x => x.State == "succeeded"), "the late fire ran after the restart");
        var events = await AlertEventsUntilAsync(e => e.Count >= 1, "the missed alert arrived");
        await Task.Delay(TimeSpan.FromSeconds(1.5), TimeProvider.System); // several more passes: nothing more may come

        events = _d.AlertEvents();
        var missed = Assert.Single(events);
        Assert.Equal(("opened", "missed", "nightly"), (missed.GetProperty("event").GetString(), missed.GetProperty("kind").GetString(), missed.GetProperty("subject").GetString()));
        Assert.Contains("after its fire time", missed.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ARunLongerThanMaxDuration_AlertsSlow_AndResolvesWhenItFinishes()
    {
        var release = new TaskCompletionSource();
        _d.Sink.Respond(r => r.Path == "/long" ? new SinkResponse(200, HoldUntil: release.Task) : SinkResponse.Ok);
        await _d.ApplyAsync("""
            channels:
              ops: { type: webhook, url: SINK/alerts }
            jobs:
              report:
                target: { url: SINK/long }
                timeout: 1m
                alert: { on: [slow], max_duration: 1s, channels: [ops] }
            """);

        await _d.CliAsync("trigger", "report");
        var opened = await AlertEventsUntilAsync(e => e.Count >= 1, "the slow alert arrived");
        release.SetResult();
        var events = await AlertEventsUntilAsync(e => e.Count >= 2, "the recovery arrived");

        Assert.Equal([("opened", "slow"), ("resolved", "slow")], events.Select(e => (e.GetProperty("event").GetString(), e.GetProperty("kind").GetString())));
        Assert.Contains("longer than max_duration 1s", opened[0].GetProperty("detail").GetString());
    }
}
