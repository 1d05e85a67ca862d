using System.Text.Json.Nodes;
using Punctual.Core.Definitions;
using Punctual.Core.Monitors;
using Punctual.Core.Time;
using Punctual.Storage.Monitors;

namespace Punctual.Server.Features.Monitors;

/// <summary>A monitor as the API shows it: its definition, its state now (new/up/late/down) and what its pings said last.</summary>
public static class MonitorView
{
    public static JsonObject From(MonitorRecord monitor, DateTimeOffset now, IReadOnlyList<MonitorPing>? pings = null, string? token = null)
    {
        var status = MonitorRules.Evaluate(MonitorDefinitionWriter.FromJson(monitor.SpecJson), monitor.Facts, now);
        var view = JsonNode.Parse(monitor.SpecJson)!.AsObject();
        view["state"] = MonitorStates.ToText(status.State);
        view["state_reason"] = status.Reason;
        view["expected_at"] = Format(status.ExpectedAt);
        view["last_ping_at"] = Format(monitor.LastPingAt);
        view["last_start_at"] = Format(monitor.LastStartAt);
        view["last_success_at"] = Format(monitor.LastSuccessAt);
        view["last_fail_at"] = Format(monitor.LastFailAt);
        view["last_exit_status"] = monitor.LastExitStatus;
        view["last_duration_ms"] = monitor.LastDurationMs;
        view["created_at"] = Instants.Format(monitor.CreatedAt);
        view["updated_at"] = Instants.Format(monitor.UpdatedAt);
        if (token is not null)
        {
            // Shown once: the store keeps only its hash.
            view["token"] = token;
            view["ping_path"] = $"/ping/{token}";
        }

        if (pings is not null)
        {
            view["pings"] = new JsonArray(pings.Select(p => (JsonNode)new JsonObject
            {
                ["id"] = p.Id,
                ["kind"] = p.Kind,
                ["at"] = Instants.Format(p.At),
                ["exit_status"] = p.ExitStatus,
                ["duration_ms"] = p.DurationMs,
                ["output"] = p.Output,
            }).ToArray());
        }

        return view;
    }

    private static string? Format(DateTimeOffset? instant) => instant is { } value ? Instants.Format(value) : null;
}
