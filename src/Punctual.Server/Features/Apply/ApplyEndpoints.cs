using Punctual.Core.Definitions;
using Punctual.Core.Gates;
using Punctual.Engine.Signals;
using Punctual.Server.Auth;
using Punctual.Server.Features.Jobs;
using Punctual.Server.Json;
using Punctual.Server.Problems;
using Punctual.Storage;
using Punctual.Storage.Jobs;

namespace Punctual.Server.Features.Apply;

/// <summary>
/// /api/v1/apply: "schedules as code". The whole document is validated first (every problem named as
/// <c>jobs.&lt;name&gt;.&lt;field&gt;</c>); then the plan is applied in one transaction, or not at all.
/// </summary>
public static class ApplyEndpoints
{
    /// <summary>Config documents may be larger than other bodies: 4 MiB.</summary>
    public const int BodyLimit = 4 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/apply", ApplyAsync)
            .RequireScope(Scope.Write)
            .WithTags("Apply")
            .WithSummary("Apply a config document: plan creates, updates and (with prune) deletes, then apply them atomically");
    }

    private static async Task<IResult> ApplyAsync(
        string? dry_run, string? prune, HttpRequest request, IPunctualStore store, JobChanges jobChanges, EngineSignals signals, TimeProvider time, CancellationToken ct)
    {
        if (!TryFlag(dry_run, "dry_run", out var dryRun, out var problem) || !TryFlag(prune, "prune", out var pruning, out problem))
        {
            return problem!;
        }

        var (document, bodyProblem) = await RequestBody.ReadAsync(request, limit: BodyLimit);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        using (document)
        {
            var read = ConfigDocumentReader.Read(document!.RootElement);
            if (!read.Ok)
            {
                return ApiProblem.Invalid(read.Errors);
            }

            var now = time.GetUtcNow();
            var existing = await LoadAllAsync(store, ct);
            var existingGates = (await store.Gates.ListAsync(now, ct))
                .Where(g => !g.IsHostGate)
                .ToDictionary(g => g.Name, g => new GateDefinition(g.Name, g.Limits, g.Paused, g.Alert), StringComparer.Ordinal);
            if (UndeclaredGates(read.Value!, existingGates, pruning) is { Count: > 0 } undeclared)
            {
                return ApiProblem.Invalid(undeclared);
            }

            var existingChannels = (await store.Alerts.ListChannelsAsync(ct)).ToDictionary(c => c.Name, c => c.SpecJson, StringComparer.Ordinal);
            if (Channels.ChannelUsage.UndeclaredChannels(read.Value!, existingChannels.Keys.ToHashSet(StringComparer.Ordinal), pruning) is { Count: > 0 } unknownChannels)
            {
                return ApiProblem.Invalid(unknownChannels);
            }

            var existingMonitors = (await store.Monitors.ListAsync(ct)).ToDictionary(m => m.Name, m => m.SpecJson, StringComparer.Ordinal);
            var plan = ApplyPlan.Make(read.Value!, existing, existingGates, pruning, jobChanges, now, existingChannels, existingMonitors);
            var applied = false;
            if (!dryRun && plan.HasChanges)
            {
                var result = await store.Jobs.ApplyAsync(plan.Request, ct);
                switch (result.Status)
                {
                    case JobWriteStatus.Done:
                        break;
                    case JobWriteStatus.GateInUse:
                        return ApiProblem.Conflict($"gate '{result.FailedJob}' is still named by a job or a waiting run; nothing was applied");
                    case JobWriteStatus.GateNotFound:
                        return ApiProblem.Conflict($"a gate job '{result.FailedJob}' names was deleted while the plan was made; nothing was applied — run apply again");
                    default:
                        return ApiProblem.Conflict($"job '{result.FailedJob}' changed while the plan was made; nothing was applied — run apply again");
                }

                applied = true;
                signals.JobsChanged();
            }

            var summary = new Dictionary<string, int>
            {
                ["create"] = plan.Changes.Count(c => c.Action == "create"),
                ["update"] = plan.Changes.Count(c => c.Action == "update"),
                ["delete"] = plan.Changes.Count(c => c.Action == "delete"),
                ["unchanged"] = plan.Changes.Count(c => c.Action == "unchanged"),
            };
            // The ping tokens of created monitors are shown once, here; the store keeps only their hashes.
            if (applied && plan.MonitorTokens.Count > 0)
            {
                return Results.Json(new { dry_run = dryRun, applied, changes = plan.Changes, summary, monitor_tokens = plan.MonitorTokens }, ApiJson.Options);
            }

            return Results.Json(new { dry_run = dryRun, applied, changes = plan.Changes, summary }, ApiJson.Options);
        }
    }

    /// <summary>
    /// Jobs naming a gate that neither the document declares nor the store holds (or that prune would delete), as field
    /// errors: checked before anything is written, like every other mistake in the file.
    /// </summary>
    private static List<FieldError> UndeclaredGates(ConfigDocument document, IReadOnlyDictionary<string, GateDefinition> stored, bool prune)
    {
        var declared = document.Gates.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        return document.Jobs
            .Where(j => j.Gate is { } gate && !declared.Contains(gate) && (prune || !stored.ContainsKey(gate)))
            .Select(j => new FieldError(
                $"jobs.{j.Name}.gate",
                prune && stored.ContainsKey(j.Gate!)
                    ? $"gate '{j.Gate}' is not declared in this file, so prune would delete it; declare it under 'gates:'"
                    : $"no gate named '{j.Gate}'; declare it under 'gates:' or create it first"))
            .ToList();
    }

    private static async Task<Dictionary<string, JobRecord>> LoadAllAsync(IPunctualStore store, CancellationToken ct)
    {
        var all = new Dictionary<string, JobRecord>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            var page = await store.Jobs.ListAsync(new JobListRequest(after, 1000), ct);
            foreach (var item in page)
            {
                all[item.Job.Name] = item.Job;
            }

            if (page.Count < 1000)
            {
                return all;
            }

            after = page[^1].Job.Name;
        }
    }

    private static bool TryFlag(string? text, string name, out bool value, out IResult? problem)
    {
        problem = null;
        value = text is "true" or "1";
        if (text is null or "true" or "false" or "1" or "0")
        {
            return true;
        }

        problem = ApiProblem.Malformed($"query parameter '{name}' must be true or false, got '{text}'");
        return false;
    }
}
