using Punctual.Core.Definitions;
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

    public bool HasChanges => Request.Creates.Count + Request.Updates.Count + Request.Deletes.Count > 0;

    public static ApplyPlan Make(ConfigDocument document, IReadOnlyDictionary<string, JobRecord> existing, bool prune, JobChanges jobChanges, DateTimeOffset now)
    {
        var changes = new List<ApplyChange>();
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

        return new ApplyPlan(changes, new JobApplyRequest(creates, updates, deletes, now));
    }
}
