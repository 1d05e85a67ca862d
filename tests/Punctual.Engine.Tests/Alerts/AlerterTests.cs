using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Punctual.Core.Alerts;
using Punctual.Core.Channels;
using Punctual.Core.Definitions;
using Punctual.Core.Gates;
using Punctual.Engine.Alerts;
using Punctual.Engine.Channels;
using Punctual.Engine.Nodes;
using Punctual.Engine.Targets;
using Punctual.Storage;
using Punctual.Storage.Alerts;
using Punctual.Storage.Gates;
using Punctual.Storage.Monitors;
using Punctual.Storage.Runs;
using Punctual.Storage.Sqlite;
using Punctual.Testing;

namespace Punctual.Engine.Tests.Alerts;

/// <summary>The alerter and the alert sender on a real SQLite store, a real HTTP sink and a fake clock, driven pass by pass.</summary>
public sealed class AlerterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(T0);
    private SqliteStore _store = null!;
    private HttpSink _sink = null!;
    private ServiceProvider _services = null!;

    private Alerter Alerter => _services.GetRequiredService<Alerter>();

    private AlertSender Sender => _services.GetRequiredService<AlertSender>();

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(new SqliteStoreOptions { Path = _directory.File("punctual.db") }, CancellationToken.None);
        await _store.MigrateAsync(CancellationToken.None);
        _sink = await HttpSink.StartAsync();
        _services = Services(_store);
        await Channel("ops", $$"""{ "type": "webhook", "url": "{{_sink.Url("alerts")}}" }""");
        await Channel("chat", """{ "type": "slack", "url": "${env:CHAT_URL}" }""");
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _sink.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    private ServiceProvider Services(IPunctualStore store)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(store);
        services.AddSingleton(NodeIdentity.CreateRandom());
        services.AddSingleton(new SecretSource(name => name == "CHAT_URL" ? _sink.Url("chat") : null));
        services.AddPunctualAlerts(loops: false);
        return services.BuildServiceProvider();
    }

    private async Task Channel(string name, string json)
    {
        using var document = JsonDocument.Parse(json);
        var channel = ChannelDefinitionReader.Read(document.RootElement, "", name).Value!;
        await _store.Alerts.UpsertChannelAsync(new ChannelUpsertRequest(name, ChannelDefinitionWriter.ToJson(channel), T0), CancellationToken.None);
    }

    private async Task Monitor(string channels, string repeat = "")
    {
        using var document = JsonDocument.Parse($$"""{ "period": "1m", "grace": "1m", "channels": {{channels}} {{repeat}} }""");
        var monitor = MonitorDefinitionReader.Read(document.RootElement, "", "backup").Value!;
        await _store.Monitors.UpsertAsync(new MonitorUpsertRequest("backup", MonitorDefinitionWriter.ToJson(monitor), new string('a', 64), T0), CancellationToken.None);
        await Ping("success");
    }

    private Task Ping(string kind) =>
        _store.Monitors.RecordPingAsync(new MonitorPingRequest("backup", null, kind, null, null, _time.GetUtcNow()), CancellationToken.None);

    private async Task PassAsync()
    {
        await Alerter.RunOnceAsync(CancellationToken.None);
        await Sender.RunOnceAsync(CancellationToken.None);
    }

    private async Task<IncidentView> IncidentAsync() =>
        Assert.Single(await _store.Alerts.ListIncidentsAsync(new IncidentListRequest(), CancellationToken.None));

    [Fact]
    public async Task AMonitorDown_OpensOneIncident_ReAlertsAtItsRepeat_AndResolvesOnce_ToWebhookAndSlack()
    {
        await Monitor("""["ops", "chat"]""", """, "repeat": "10m" """);
        _time.Advance(TimeSpan.FromMinutes(2));
        await PassAsync();
        await PassAsync();
        Assert.Empty(_sink.Requests);

        _time.Advance(TimeSpan.FromSeconds(1));
        await PassAsync();
        await PassAsync();
        _time.Advance(TimeSpan.FromMinutes(10));
        await PassAsync();
        await Ping("success");
        await PassAsync();
        await PassAsync();

        var webhook = _sink.Requests.Where(r => r.Path == "/alerts").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(["opened", "repeat", "resolved"], webhook.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal("monitor_down", webhook[0].GetProperty("kind").GetString());
        var chat = _sink.Requests.Where(r => r.Path == "/chat").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(3, chat.Count);
        Assert.StartsWith("[Punctual] monitor 'backup' is down", chat[0].GetProperty("text").GetString());
        Assert.StartsWith("[Punctual] STILL FAILING", chat[1].GetProperty("text").GetString());
        Assert.StartsWith("[Punctual] RESOLVED", chat[2].GetProperty("text").GetString());
        var incident = await IncidentAsync();
        Assert.Equal((2, false), (incident.Incident.Alerts, incident.Incident.IsOpen));
    }

    [Fact]
    public async Task TwoNodes_OpenOneIncident_AndSendEachMessageOnce()
    {
        await Monitor("""["ops"]""");
        await using var otherServices = Services(_store);
        var otherAlerter = otherServices.GetRequiredService<Alerter>();
        var otherSender = otherServices.GetRequiredService<AlertSender>();
        _time.Advance(TimeSpan.FromMinutes(3));

        await Task.WhenAll(Alerter.RunOnceAsync(CancellationToken.None), otherAlerter.RunOnceAsync(CancellationToken.None));
        await Task.WhenAll(Sender.RunOnceAsync(CancellationToken.None), otherSender.RunOnceAsync(CancellationToken.None));

        Assert.Single(_sink.Requests);
        Assert.Single((await IncidentAsync()).Deliveries);
    }

    [Fact]
    public async Task AFailingChannel_IsRetriedWithBackOff_ThenGivenUp_AndTheFailureIsVisible()
    {
        _sink.Respond(_ => new SinkResponse(503));
        await Monitor("""["ops"]""");
        _time.Advance(TimeSpan.FromMinutes(3));
        await PassAsync();
        Assert.Single(_sink.Requests);

        await Sender.RunOnceAsync(CancellationToken.None);
        Assert.Single(_sink.Requests);
        for (var i = 0; i < DeliveryRetry.MaxAttempts; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(10));
            await Sender.RunOnceAsync(CancellationToken.None);
        }

        var delivery = Assert.Single((await IncidentAsync()).Deliveries);
        Assert.Equal(DeliveryRetry.MaxAttempts, _sink.Requests.Count);
        Assert.Equal(("failed", DeliveryRetry.MaxAttempts), (delivery.State, delivery.Attempts));
        Assert.Contains("HTTP 503", delivery.LastError);
    }

    [Fact]
    public async Task AMissingSecret_FailsTheDelivery_NamingTheVariableNotAValue()
    {
        await Channel("chat", """{ "type": "slack", "url": "${env:NOT_SET_ANYWHERE}" }""");
        await Monitor("""["chat"]""");
        _time.Advance(TimeSpan.FromMinutes(3));
        await PassAsync();

        var delivery = Assert.Single((await IncidentAsync()).Deliveries);
        Assert.Equal("pending", delivery.State);
        Assert.Contains("environment variable 'NOT_SET_ANYWHERE' is not set", delivery.LastError);
    }

    [Fact]
    public async Task AlertOnLate_OpensTheIncidentAsSoonAsTheMonitorIsLate_EscalatesOnceWhenItIsDown_AndResolvesOnce()
    {
        await Monitor("""["ops", "chat"]""", """, "alert_on": "late" """);
        _time.Advance(TimeSpan.FromMinutes(1));
        await PassAsync();
        Assert.Empty(_sink.Requests);

        _time.Advance(TimeSpan.FromSeconds(1));
        await PassAsync();
        await PassAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        await PassAsync();
        await PassAsync();
        _time.Advance(TimeSpan.FromMinutes(5));
        await PassAsync();
        await Ping("success");
        await PassAsync();
        await PassAsync();

        var events = _sink.Requests.Where(r => r.Path == "/alerts").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(["opened", "escalated", "resolved"], events.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal("monitor 'backup' is late", events[0].GetProperty("summary").GetString());
        Assert.Equal("monitor 'backup' is down", events[1].GetProperty("summary").GetString());
        Assert.Equal("monitor 'backup' is up again", events[2].GetProperty("summary").GetString());
        Assert.Equal(events[0].GetProperty("incident_id").GetInt64(), events[1].GetProperty("incident_id").GetInt64());
        var chat = _sink.Requests.Where(r => r.Path == "/chat").Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString()).ToList();
        Assert.StartsWith("[Punctual] WORSE: monitor 'backup' is down", chat[1]);
    }

    [Fact]
    public async Task AGateBacklog_OpensOnceItStayedAboveItsThresholdFor_AndResolvesOnceWhenItDrains()
    {
        var alert = new GateAlertSpec(2, TimeSpan.FromMinutes(5), ["ops"], null);
        await _store.Gates.UpsertAsync(new GateUpsertRequest(new GateDefinition("billing", GateLimits.Create(1, 1, null, adaptive: false), true, alert), T0), CancellationToken.None);
        var runs = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var spec = TaskDefinitionWriter.ToSpecJson(new Core.Tasks.TaskDefinition(
                new Core.Targets.HttpTargetSpec("POST", _sink.Url("t"), [], null), T0, null, TimeSpan.FromMinutes(1), Core.Retries.RetryPolicy.Default));
            runs.Add((await _store.Runs.CreateTaskAsync(new TaskCreateRequest(null, spec, T0.AddMinutes(i), T0, "billing"), CancellationToken.None)).Run.Id);
        }

        // Three runs wait from minute 2 on (the third falls due then): the backlog is above 2 from minute 2.
        _time.Advance(TimeSpan.FromMinutes(6));
        await PassAsync();
        Assert.Empty(_sink.Requests);

        _time.Advance(TimeSpan.FromMinutes(1));
        await PassAsync();
        await PassAsync();
        await _store.Runs.CancelAsync(new CancelRequest(runs[0], "drained", _time.GetUtcNow()), CancellationToken.None);
        await PassAsync();
        await PassAsync();

        var events = _sink.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(["opened", "resolved"], events.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal("gate_backlog", events[0].GetProperty("kind").GetString());
        Assert.Equal("gate 'billing' has 3 runs waiting (above 2)", events[0].GetProperty("summary").GetString());
        Assert.Equal("more than 2 runs have been waiting for at least 5m", events[0].GetProperty("detail").GetString());
        Assert.Equal("gate 'billing' backlog is back to 2 or fewer runs", events[1].GetProperty("summary").GetString());
    }

    [Fact]
    public async Task AnOpenedMessageSentAfterTheEscalation_StillSaysWhatOpenedIt()
    {
        await Monitor("""["ops"]""", """, "alert_on": "late" """);
        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await Alerter.RunOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        await Alerter.RunOnceAsync(CancellationToken.None);
        await Sender.RunOnceAsync(CancellationToken.None);

        var events = _sink.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(
            [("opened", "monitor 'backup' is late"), ("escalated", "monitor 'backup' is down")],
            events.Select(e => (e.GetProperty("event").GetString(), e.GetProperty("summary").GetString())).OrderBy(e => e.Item1 == "escalated"));
    }
}
