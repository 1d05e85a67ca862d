using System.Text.Json.Nodes;
using Punctual.Core.Definitions;
using Punctual.Server.Features.Apply;
using Punctual.Storage.Monitors;

namespace Punctual.Server.Features.Monitors;

/// <summary>
/// The monitors part of an apply plan: created when new (each with a fresh ping token, returned once), updated when
/// their canonical spec differs, deleted with prune. A monitor's token and pings survive updates.
/// </summary>
public static class MonitorPlan
{
    public static (List<MonitorUpsertRequest> Upserts, List<string> Deletes, Dictionary<string, string> Tokens) Make(
        ConfigDocument document, IReadOnlyDictionary<string, string> existing, bool prune, DateTimeOffset now, List<ApplyChange> changes)
    {
        var upserts = new List<MonitorUpsertRequest>();
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var monitor in (document.Monitors ?? []).OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            declared.Add(monitor.Name);
            var spec = MonitorDefinitionWriter.ToJson(monitor);
            if (!existing.TryGetValue(monitor.Name, out var current))
            {
                var token = PingTokens.Create();
                tokens[monitor.Name] = token;
                upserts.Add(new MonitorUpsertRequest(monitor.Name, spec, PingTokens.Hash(token), now));
                changes.Add(new ApplyChange("monitor", monitor.Name, "create", []));
                continue;
            }

            var currentNode = JsonNode.Parse(current)!.AsObject();
            var wantedNode = JsonNode.Parse(spec)!.AsObject();
            var fields = currentNode.Select(p => p.Key).Union(wantedNode.Select(p => p.Key))
                .Where(key => !JsonNode.DeepEquals(currentNode[key], wantedNode[key]))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (fields.Count > 0)
            {
                upserts.Add(new MonitorUpsertRequest(monitor.Name, spec, "", now));
            }

            changes.Add(new ApplyChange("monitor", monitor.Name, fields.Count > 0 ? "update" : "unchanged", fields));
        }

        var deletes = new List<string>();
        if (prune)
        {
            foreach (var name in existing.Keys.Where(n => !declared.Contains(n)).Order(StringComparer.Ordinal))
            {
                deletes.Add(name);
                changes.Add(new ApplyChange("monitor", name, "delete", []));
            }
        }

        return (upserts, deletes, tokens);
    }
}
