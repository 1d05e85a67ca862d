using Punctual.Core.Alerts;
using Punctual.Server.Json;
using Punctual.Server.Problems;
using Punctual.Storage;
using Punctual.Storage.Alerts;

namespace Punctual.Server.Features.Incidents;

/// <summary>/api/v1/incidents: open and recent incidents, each with its deliveries (and their failures).</summary>
public static class IncidentEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGroup("/incidents").WithTags("Incidents")
            .MapGet("/", ListAsync)
            .WithSummary("List incidents, newest first, with their alert deliveries");
    }

    private static async Task<IResult> ListAsync(string? state, string? limit, IPunctualStore store, CancellationToken ct)
    {
        if (state is not (null or "open" or "all"))
        {
            return ApiProblem.Malformed($"query parameter 'state' must be open or all, got '{state}'");
        }

        if (!QueryValues.TryLimit(limit, 100, 1000, out var take, out var problem))
        {
            return problem!;
        }

        var incidents = await store.Alerts.ListIncidentsAsync(new IncidentListRequest(state == "open", take), ct);
        return Results.Json(new { items = incidents.Select(From).ToList() }, ApiJson.Options);
    }

    private static object From(IncidentView view)
    {
        var i = view.Incident;
        return new
        {
            id = i.Id,
            cause = i.Cause,
            kind = AlertKinds.ToText(i.Kind),
            subject = i.Subject,
            state = i.IsOpen ? "open" : "closed",
            summary = i.Summary,
            detail = i.Detail,
            channels = i.Channels,
            opened_at = i.OpenedAt,
            last_alert_at = i.LastAlertAt,
            next_alert_at = i.NextAlertAt,
            alerts = i.Alerts,
            closed_at = i.ClosedAt,
            resolution = i.Resolution,
            deliveries = view.Deliveries.Select(d => new
            {
                id = d.Id,
                channel = d.Channel,
                @event = d.Event,
                state = d.State,
                attempts = d.Attempts,
                last_error = d.LastError,
                created_at = d.CreatedAt,
                due_at = d.DueAt,
                sent_at = d.SentAt,
            }).ToList(),
            failed_deliveries = view.Deliveries.Count(d => d.State == "failed"),
        };
    }
}
