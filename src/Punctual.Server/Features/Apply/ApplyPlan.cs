using Punctual.Core.Definitions;
using Punctual.Core.Gates;
using Punctual.Server.Features.Jobs;
using Punctual.Storage.Jobs;

namespace Punctual.Server.Features.Apply;

/// <summary>One line of an apply plan. <see cref="Fields"/> lists the top-level fields an update changes.</summary>
public sealed record ApplyChange(string Kind, string Name, string Action, IReadOnlyList<string> Fields);

/// <summary>
/// The difference between a config document and the stored jobs: what to create, update (with the fields that
/// change) and, with prune, delete. Made from canonical specs, so formatting and defaults never show as changes.
/// </summary>
public sealed class ApplyPlan
{
    private ApplyPlan(IReadOnlyList<ApplyChange> changes, JobApplyRequest request)
    {
        Changes = changes;
        Request = request;
    }

    public IReadOnlyList<ApplyChange> Changes { get; }

    /// <summary>The store request that applies the plan; updates and deletes are conditional on the versions seen.</summary>
    public JobApplyRequest Request { get; }

    public bool HasChanges =>
        Request.Creates.Count + Request.Updates.Count + Request.Deletes.Count + Request.GateUpserts!.Count + Request.GateDeletes!.Count
        + Request.ChannelUpserts!.Count + Request.ChannelDeletes!.Count + Request.MonitorUpserts!.Count + Request.MonitorDeletes!.Count > 0;

    /// <summary>The ping tokens of the monitors the plan creates (shown once, after they are applied).</summary>
    public IReadOnlyDictionary<string, string> MonitorTokens { get; private init; } = new Dictionary<string, string>();

    public static ApplyPlan Make(
        ConfigDocument document,
        IReadOnlyDictionary<string, JobRecord> existing,
        IReadOnlyDictionary<string, GateDefinition> existingGates,
        bool prune,
        JobChanges jobChanges,
        DateTimeOffset now,
        IReadOnlyDictionary<string, string>? existingChannels = null,
        IReadOnlyDictionary<string, string>? existingMonitors = null)
    {
        var changes = new List<ApplyChange>();
        var (gateUpserts, gateDeletes) = PlanGates(document, existingGates, prune, changes);
        var (channelUpserts, channelDeletes) = Channels.ChannelPlan.Make(document, existingChannels ?? new Dictionary<string, string>(), prune, now, changes);
        var (monitorUpserts, monitorDeletes, monitorTokens) = Monitors.MonitorPlan.Make(document, existingMonitors ?? new Dictionary<string, string>(), prune, now, changes);
        var creates = new List<JobCreateRequest>();
        var updates = new List<JobUpdateRequest>();
        var deletes = new List<JobDeleteRequest>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in document.Jobs.OrderBy(j => j.Name, StringComparer.Ordinal))
        {
            named.Add(definition.Name);
            if (!existing.TryGetValue(definition.Name, out var current))
            {
                creates.Add(jobChanges.Create(definition, now));
                changes.Add(new ApplyChange("job", definition.Name, "create", []));
                continue;
            }

            var spec = JobView.SpecOf(definition);
            var fields = JobView.ChangedFields(current.SpecJson, spec);
            if (fields.Count == 0)
            {
                changes.Add(new ApplyChange("job", definition.Name, "unchanged", []));
                continue;
            }

            updates.Add(jobChanges.Update(current, definition, now, conditional: true));
            changes.Add(new ApplyChange("job", definition.Name, "update", fields));
        }

        if (prune)
        {
            foreach (var (name, job) in existing.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!named.Contains(name))
                {
                    deletes.Add(new JobDeleteRequest(name, job.Version, now));
                    changes.Add(new ApplyChange("job", name, "delete", []));
                }
            }
        }

        return new ApplyPlan(changes, new JobApplyRequest(creates, updates, deletes, now, gateUpserts, gateDeletes, channelUpserts, channelDeletes, monitorUpserts, monitorDeletes))
        {
            MonitorTokens = monitorTokens,
        };
    }

    /// <summary>
    /// Gates: created when new, updated when their limits, alert block (or a pause the file states) differ, deleted with prune.
    /// A pause the file does not state is left as it is.
    /// </summary>
    private static (List<GateDefinition> Upserts, List<string> Deletes) PlanGates(
        ConfigDocument document, IReadOnlyDictionary<string, GateDefinition> existing, bool prune, List<ApplyChange> changes)
    {
        var upserts = new List<GateDefinition>();
        foreach (var gate in document.Gates.OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            if (!existing.TryGetValue(gate.Name, out var current))
            {
                upserts.Add(gate);
                changes.Add(new ApplyChange("gate", gate.Name, "create", []));
                continue;
            }

            var fields = GateFields(current, gate);
            if (fields.Count > 0)
            {
                upserts.Add(gate);
            }

            changes.Add(new ApplyChange("gate", gate.Name, fields.Count > 0 ? "update" : "unchanged", fields));
        }

        var deletes = new List<string>();
        if (prune)
        {
            var declared = document.Gates.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var name in existing.Keys.Where(n => !declared.Contains(n)).Order(StringComparer.Ordinal))
            {
                deletes.Add(name);
                changes.Add(new ApplyChange("gate", name, "delete", []));
            }
        }

        return (upserts, deletes);
    }

    private static List<string> GateFields(GateDefinition current, GateDefinition wanted)
    {
        var fields = new List<string>();
        if (Math.Abs(current.Limits.RatePerSecond - wanted.Limits.RatePerSecond) > 1e-9)
        {
            fields.Add("rate");
        }

        if (current.Limits.Burst != wanted.Limits.Burst)
        {
            fields.Add("burst");
        }

        if (current.Limits.Concurrency != wanted.Limits.Concurrency)
        {
            fields.Add("concurrency");
        }

        if (current.Limits.Adaptive != wanted.Limits.Adaptive)
        {
            fields.Add("adaptive");
        }

        if (wanted.Paused is { } paused && paused != current.Paused)
        {
            fields.Add("paused");
        }

        if ((current.Alert is null ? null : GateAlertWriter.ToJson(current.Alert)) != (wanted.Alert is null ? null : GateAlertWriter.ToJson(wanted.Alert)))
        {
            fields.Add("alert");
        }

        return fields;
    }
}
