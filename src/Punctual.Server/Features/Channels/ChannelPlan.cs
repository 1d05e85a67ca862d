using System.Text.Json.Nodes;
using Punctual.Core.Definitions;
using Punctual.Server.Features.Apply;
using Punctual.Storage.Alerts;

namespace Punctual.Server.Features.Channels;

/// <summary>
/// The channels part of an apply plan: created when new, updated when their canonical spec differs (listing the
/// changed fields), deleted with prune. Made from canonical specs, so formatting never shows as a change.
/// </summary>
public static class ChannelPlan
{
    public static (List<ChannelUpsertRequest> Upserts, List<string> Deletes) Make(
        ConfigDocument document, IReadOnlyDictionary<string, string> existing, bool prune, DateTimeOffset now, List<ApplyChange> changes)
    {
        var upserts = new List<ChannelUpsertRequest>();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var channel in (document.Channels ?? []).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            declared.Add(channel.Name);
            var spec = ChannelDefinitionWriter.ToJson(channel);
            if (!existing.TryGetValue(channel.Name, out var current))
            {
                upserts.Add(new ChannelUpsertRequest(channel.Name, spec, now));
                changes.Add(new ApplyChange("channel", channel.Name, "create", []));
                continue;
            }

            var fields = ChangedFields(current, spec);
            if (fields.Count > 0)
            {
                upserts.Add(new ChannelUpsertRequest(channel.Name, spec, now));
            }

            changes.Add(new ApplyChange("channel", channel.Name, fields.Count > 0 ? "update" : "unchanged", fields));
        }

        var deletes = new List<string>();
        if (prune)
        {
            foreach (var name in existing.Keys.Where(n => !declared.Contains(n)).Order(StringComparer.Ordinal))
            {
                deletes.Add(name);
                changes.Add(new ApplyChange("channel", name, "delete", []));
            }
        }

        return (upserts, deletes);
    }

    private static List<string> ChangedFields(string currentJson, string wantedJson)
    {
        var current = JsonNode.Parse(currentJson)!.AsObject();
        var wanted = JsonNode.Parse(wantedJson)!.AsObject();
        return current.Select(p => p.Key).Union(wanted.Select(p => p.Key))
            .Where(key => !JsonNode.DeepEquals(current[key], wanted[key]))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
