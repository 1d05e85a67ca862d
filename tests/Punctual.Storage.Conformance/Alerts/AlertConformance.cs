using System.Text.Json;
using Punctual.Core.Alerts;
using Punctual.Core.Definitions;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Storage.Alerts;
using Punctual.Storage.Conformance.Doubles;
using Punctual.Storage.Conformance.Seeding;

namespace Punctual.Storage.Conformance.Alerts;

/// <summary>Channels, the facts alerting decides by, incidents (one open per cause) and the leased delivery outbox.</summary>
public abstract class AlertConformance : StoreConformance
{
    private const string Webhook = """{"name":"ops","type":"webhook","url":"https://hooks.example/ops","headers":{}}""";

    private static string AlertingJob(string name)
    {
        using var document = JsonDocument.Parse(
            $$$"""{"name":"{{{name}}}","every":"1m","anchor":"2026-03-01T00:00:00Z","target":{"url":"https://receiver.example/x"},"alert":{"on":["dead","missed"],"channels":["ops"]}}""");
        return JobDefinitionWriter.ToJson(JobDefinitionReader.Read(document.RootElement, "", null).Value!);
    }

    private Task<IncidentRecord?> OpenAsync(string cause, DateTimeOffset now, TimeSpan? repeat = null, params string[] channels) =>
        Store.Alerts.OpenIncidentAsync(
            new IncidentOpenRequest(cause, AlertKind.Dead, "nightly", $"{cause} is failing", "HTTP 500", channels.Length == 0 ? ["ops"] : channels, repeat, now), Ct);

    [Fact]
    public async Task Channels_AreCreatedUpdatedListedAndDeleted()
    {
        Assert.Equal(ChannelWriteStatus.Created, await Store.Alerts.UpsertChannelAsync(new ChannelUpsertRequest("ops", Webhook, At.T0), Ct));
        Assert.Equal(ChannelWriteStatus.Unchanged, await Store.Alerts.UpsertChannelAsync(new ChannelUpsertRequest("ops", Webhook, At.Minute(1)), Ct));
        var changed = Webhook.Replace("/ops", "/ops2", StringComparison.Ordinal);
        Assert.Equal(ChannelWriteStatus.Updated, await Store.Alerts.UpsertChannelAsync(new ChannelUpsertRequest("ops", changed, At.Minute(2)), Ct));

        var channel = Assert.Single(await Store.Alerts.ListChannelsAsync(Ct));
        Assert.Equal(("ops", changed, At.T0, At.Minute(2)), (channel.Name, channel.SpecJson, channel.CreatedAt, channel.UpdatedAt));
        Assert.Equal(ChannelWriteStatus.Deleted, await Store.Alerts.DeleteChannelAsync("ops", Ct));
        Assert.Equal(ChannelWriteStatus.NotFound, await Store.Alerts.DeleteChannelAsync("ops", Ct));
        Assert.Null(await Store.Alerts.GetChannelAsync("ops", Ct));
    }

    [Fact]
    public async Task AlertingJobs_AreTheJobsWithAnAlertBlock()
    {
        await Seed.JobAsync("plain");
        await Seed.JobAsync("watched", spec: AlertingJob("watched"));

        var jobs = await Store.Alerts.ListAlertingJobsAsync(Ct);

        Assert.Equal(["watched"], jobs.Select(j => j.Name));
    }

    [Fact]
    public async Task JobFacts_ShowNewestFinishedRuns_LatestFire_AndRunningSince()
    {
        await Seed.JobAsync("nightly", spec: AlertingJob("nightly"));
        var first = await Seed.RunningAsync("nightly", At.Minute(1));
        await Seed.KillAsync(first, At.Minute(2));
        var second = await Seed.RunningAsync("nightly", At.Minute(3));
        await Seed.SucceedAsync(second, At.Minute(4));
        var third = await Seed.RunningAsync("nightly", At.Minute(5));
        await Seed.KillAsync(third, At.Minute(6));
        await Seed.RunningAsync("nightly", At.Minute(7));
        var fire = new PlannedRun(RunOrigin.Schedule, At.Minute(10), At.Minute(10), RunState.Pending, null, 1, null, IdempotencyKeys.ForFire("nightly", At.Minute(10)), false);
        await Store.Jobs.TriggerAsync(new Storage.Jobs.TriggerRequest("nightly", null, At.Minute(10)), ScriptedTriggerPlanning.Returning(fire), Ct);

        var facts = await Store.Alerts.GetJobFactsAsync(new JobFactsRequest("nightly", 2), Ct);

        Assert.NotNull(facts);
        Assert.Equal([(third.Run.Id, true), (second.Run.Id, false)], facts.RecentFinished.Select(f => (f.RunId, f.Dead)));
        Assert.Equal(At.Minute(6), facts.RecentFinished[0].FinishedAt);
        Assert.NotNull(facts.LatestScheduled);
        Assert.Equal((At.Minute(10), (DateTimeOffset?)null, "pending"), (facts.LatestScheduled.ScheduledFor, facts.LatestScheduled.StartedAt, facts.LatestScheduled.State));
        Assert.Equal(At.Minute(7), facts.OldestRunningSince);
        Assert.Null(await Store.Alerts.GetJobFactsAsync(new JobFactsRequest("missing", 1), Ct));
    }

    [Fact]
    public async Task OpenIncident_IsOncePerCause_AndEnqueuesOneMessagePerChannel()
    {
        var opened = await OpenAsync("job:nightly:dead", At.T0, null, "ops", "mail");
        var again = await OpenAsync("job:nightly:dead", At.Minute(1));

        Assert.NotNull(opened);
        Assert.Null(again);
        var open = Assert.Single(await Store.Alerts.ListOpenIncidentsAsync(Ct));
        Assert.Equal((opened.Id, AlertKind.Dead, "nightly", 1, At.T0), (open.Id, open.Kind, open.Subject, open.Alerts, open.OpenedAt));
        Assert.Equal(["ops", "mail"], open.Channels);
        var view = Assert.Single(await Store.Alerts.ListIncidentsAsync(new IncidentListRequest(), Ct));
        Assert.Equal([("ops", "opened", "pending"), ("mail", "opened", "pending")], view.Deliveries.Select(d => (d.Channel, d.Event, d.State)));
    }

    [Fact]
    public async Task CloseIncident_SendsOneRecovery_ThenTheCauseMayOpenAgain()
    {
        var opened = (await OpenAsync("job:nightly:dead", At.T0))!;

        Assert.True(await Store.Alerts.CloseIncidentAsync(new IncidentCloseRequest(opened.Id, "runs succeed again", At.Minute(1)), Ct));
        Assert.False(await Store.Alerts.CloseIncidentAsync(new IncidentCloseRequest(opened.Id, "runs succeed again", At.Minute(2)), Ct));
        var reopened = await OpenAsync("job:nightly:dead", At.Minute(3));

        Assert.NotNull(reopened);
        Assert.NotEqual(opened.Id, reopened.Id);
        var views = await Store.Alerts.ListIncidentsAsync(new IncidentListRequest(), Ct);
        Assert.Equal([reopened.Id, opened.Id], views.Select(v => v.Incident.Id));
        Assert.Equal((At.Minute(1), "runs succeed again"), (views[1].Incident.ClosedAt, views[1].Incident.Resolution));
        Assert.Equal(["opened", "resolved"], views[1].Deliveries.Select(d => d.Event));
        Assert.Equal([reopened.Id], (await Store.Alerts.ListIncidentsAsync(new IncidentListRequest(OpenOnly: true), Ct)).Select(v => v.Incident.Id));
    }

    [Fact]
    public async Task RepeatIncident_IsCompareAndSet_OnTheReAlertTime()
    {
        var opened = (await OpenAsync("job:nightly:dead", At.T0, TimeSpan.FromMinutes(10)))!;
        Assert.Equal(At.Minute(10), opened.NextAlertAt);

        Assert.True(await Store.Alerts.RepeatIncidentAsync(new IncidentRepeatRequest(opened.Id, At.Minute(10), At.Minute(21), At.Minute(11)), Ct));
        Assert.False(await Store.Alerts.RepeatIncidentAsync(new IncidentRepeatRequest(opened.Id, At.Minute(10), At.Minute(21), At.Minute(11)), Ct));

        var view = Assert.Single(await Store.Alerts.ListIncidentsAsync(new IncidentListRequest(), Ct));
        Assert.Equal((2, At.Minute(11), (DateTimeOffset?)At.Minute(21)), (view.Incident.Alerts, view.Incident.LastAlertAt, view.Incident.NextAlertAt));
        Assert.Equal(["opened", "repeat"], view.Deliveries.Select(d => d.Event));
    }

    [Fact]
    public async Task EscalateIncident_IsCompareAndSet_OnTheSummary_AndHappensOnce()
    {
        var opened = (await OpenAsync("monitor:backup", At.T0, TimeSpan.FromMinutes(10)))!;
        var escalate = new IncidentEscalateRequest(opened.Id, opened.Summary, "monitor 'backup' is down", "no ping for 5m", At.Minute(13), At.Minute(3));

        Assert.False(await Store.Alerts.EscalateIncidentAsync(escalate with { ExpectedSummary = "something else" }, Ct));
        Assert.True(await Store.Alerts.EscalateIncidentAsync(escalate, Ct));
        Assert.False(await Store.Alerts.EscalateIncidentAsync(escalate, Ct));
        Assert.True(await Store.Alerts.CloseIncidentAsync(new IncidentCloseRequest(opened.Id, "up again", At.Minute(4)), Ct));
        Assert.False(await Store.Alerts.EscalateIncidentAsync(escalate with { ExpectedSummary = "monitor 'backup' is down" }, Ct));

        var view = Assert.Single(await Store.Alerts.ListIncidentsAsync(new IncidentListRequest(), Ct));
        Assert.Equal(("monitor 'backup' is down", "no ping for 5m", 2, At.Minute(3)), (view.Incident.Summary, view.Incident.Detail, view.Incident.Alerts, view.Incident.LastAlertAt));
        Assert.Equal(["opened", "escalated", "resolved"], view.Deliveries.Select(d => d.Event));
    }

    [Fact]
    public async Task Deliveries_AreLeasedToOneNode_WithTheirChannelAndIncident()
    {
        await Store.Alerts.UpsertChannelAsync(new ChannelUpsertRequest("ops", Webhook, At.T0), Ct);
        var opened = (await OpenAsync("job:nightly:dead", At.T0, null, "ops", "gone"))!;

        var first = await Store.Alerts.ClaimDeliveriesAsync(new DeliveryClaimRequest(At.T0, 10, StoreSeed.NodeA, At.Minute(1)), Ct);
        var second = await Store.Alerts.ClaimDeliveriesAsync(new DeliveryClaimRequest(At.Second(30), 10, StoreSeed.NodeB, At.Minute(2)), Ct);
        var afterLease = await Store.Alerts.ClaimDeliveriesAsync(new DeliveryClaimRequest(At.Minute(1), 1, StoreSeed.NodeB, At.Minute(2)), Ct);

        Assert.Equal(2, first.Count);
        Assert.Empty(second);
        Assert.Equal((opened.Id, "job:nightly:dead", 1), (first[0].Incident.Id, first[0].Incident.Cause, first[0].Delivery.Attempts));
        Assert.Equal(Webhook, first[0].ChannelSpecJson);
        Assert.Null(first[1].ChannelSpecJson);
        var retaken = Assert.Single(afterLease);
        Assert.Equal((first[0].Delivery.Id, 2), (retaken.Delivery.Id, retaken.Delivery.Attempts));
    }

    [Fact]
    public async Task CompleteDelivery_IsFencedByTheLease_AndRetriesOrGivesUp()
    {
        await OpenAsync("job:nightly:dead", At.T0, null, "ops", "mail", "chat");
        var claimed = await Store.Alerts.ClaimDeliveriesAsync(new DeliveryClaimRequest(At.T0, 10, StoreSeed.NodeA, At.Minute(1)), Ct);
        var (ops, mail, chat) = (claimed[0].Delivery.Id, claimed[1].Delivery.Id, claimed[2].Delivery.Id);

        Assert.False(await Store.Alerts.CompleteDeliveryAsync(new DeliveryCompletion(ops, StoreSeed.NodeB, At.Second(1), true, null, null), Ct));
        Assert.True(await Store.Alerts.CompleteDeliveryAsync(new DeliveryCompletion(ops, StoreSeed.NodeA, At.Second(1), true, null, null), Ct));
        Assert.True(await Store.Alerts.CompleteDeliveryAsync(new DeliveryCompletion(mail, StoreSeed.NodeA, At.Second(1), false, "connection refused", At.Minute(5)), Ct));
        Assert.True(await Store.Alerts.CompleteDeliveryAsync(new DeliveryCompletion(chat, StoreSeed.NodeA, At.Second(1), false, "HTTP 404", null), Ct));

        var deliveries = Assert.Single(await Store.Alerts.ListIncidentsAsync(new IncidentListRequest(), Ct)).Deliveries;
        Assert.Equal(
            [("sent", (string?)null, (DateTimeOffset?)At.Second(1)), ("pending", "connection refused", null), ("failed", "HTTP 404", null)],
            deliveries.Select(d => (d.State, d.LastError, d.SentAt)));
        Assert.Equal(At.Minute(5), deliveries[1].DueAt);
        Assert.Empty(await Store.Alerts.ClaimDeliveriesAsync(new DeliveryClaimRequest(At.Minute(4), 10, StoreSeed.NodeA, At.Minute(6)), Ct));
        Assert.Equal(mail, Assert.Single(await Store.Alerts.ClaimDeliveriesAsync(new DeliveryClaimRequest(At.Minute(5), 10, StoreSeed.NodeA, At.Minute(6)), Ct)).Delivery.Id);
    }

    [Fact]
    public async Task PruneIncidents_DeletesOnlyClosedOnesOlderThanTheCutOff_WithTheirDeliveries()
    {
        var old = (await OpenAsync("job:a:dead", At.T0))!;
        await Store.Alerts.CloseIncidentAsync(new IncidentCloseRequest(old.Id, "ok", At.Minute(1)), Ct);
        var recent = (await OpenAsync("job:b:dead", At.T0))!;
        await Store.Alerts.CloseIncidentAsync(new IncidentCloseRequest(recent.Id, "ok", At.Minute(10)), Ct);
        var open = (await OpenAsync("job:c:dead", At.T0))!;

        Assert.Equal(1, await Store.Alerts.PruneIncidentsAsync(At.Minute(5), 100, Ct));

        var left = await Store.Alerts.ListIncidentsAsync(new IncidentListRequest(), Ct);
        Assert.Equal([open.Id, recent.Id], left.Select(v => v.Incident.Id));
        var deliveries = await Store.Alerts.ClaimDeliveriesAsync(new DeliveryClaimRequest(At.Minute(20), 100, StoreSeed.NodeA, At.Minute(30)), Ct);
        Assert.DoesNotContain(deliveries, d => d.Incident.Id == old.Id);
        Assert.Equal(3, deliveries.Count); // b: opened and resolved; c: opened
    }
}
