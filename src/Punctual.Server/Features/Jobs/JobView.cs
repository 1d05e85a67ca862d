using System.Text.Json;
using System.Text.Json.Nodes;
using Punctual.Core.Definitions;
using Punctual.Core.Time;
using Punctual.Server.Features.Runs;
using Punctual.Server.Json;
using Punctual.Storage.Jobs;
using Punctual.Storage.Runs;

namespace Punctual.Server.Features.Jobs;

/// <summary>
/// A job as the API shows it: the normalized definition (the same fields as the config file) followed by its
/// operational state. Built as a JSON object because definitions are open-ended.
/// </summary>
public static class JobView
{
    public static JsonObject From(JobRecord job, RunRecord? lastRun, bool includeLastRun = true)
    {
        var view = JsonNode.Parse(job.SpecJson)!.AsObject();
        var hasSchedule = view.ContainsKey("schedule") || view.ContainsKey("every") || view.ContainsKey("at");
        view["state"] = job.Paused ? "paused" : !hasSchedule ? "on_demand" : job.NextFireAt is null ? "finished" : "active";
        view["paused"] = job.Paused;
        view["next_fire_at"] = job.NextFireAt is { } fire ? Instants.Format(fire) : null;
        view["next_due_at"] = job.NextDueAt is { } due ? Instants.Format(due) : null;
        view["runs_counted"] = job.RunsCounted;
        view["missed_fires"] = job.MissedFires;
        view["version"] = job.Version;
        view["created_at"] = Instants.Format(job.CreatedAt);
        view["updated_at"] = Instants.Format(job.UpdatedAt);
        if (includeLastRun)
        {
            view["last_run"] = lastRun is null ? null : JsonSerializer.SerializeToNode(RunView.From(lastRun), ApiJson.Options);
        }

        return view;
    }

    /// <summary>The definition part of a stored job, for comparing with a config file's definition.</summary>
    public static JsonObject Definition(string specJson) => JsonNode.Parse(specJson)!.AsObject();

    /// <summary>Top-level definition fields whose values differ between two canonical specs.</summary>
    public static IReadOnlyList<string> ChangedFields(string oldSpec, string newSpec)
    {
        var before = Definition(oldSpec);
        var after = Definition(newSpec);
        return before.Select(p => p.Key).Union(after.Select(p => p.Key))
            .Where(key => !JsonNode.DeepEquals(before[key], after[key]))
            .ToList();
    }

    public static string SpecOf(Core.Jobs.JobDefinition definition) => JobDefinitionWriter.ToJson(definition);
}
