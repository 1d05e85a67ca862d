using System.Collections.Concurrent;
using Punctual.Core.Definitions;
using Punctual.Core.Jobs;
using Punctual.Core.Scheduling;
using Punctual.Core.Tasks;

namespace Punctual.Engine.Specs;

/// <summary>
/// Parsed specs by their stored JSON text, so a hot loop does not re-parse a job's definition (and its cron)
/// for every fire and claim. Bounded: cleared when it grows past <see cref="MaxEntries"/>. Thread-safe.
/// </summary>
public sealed class SpecCache
{
    private const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<string, JobDefinition> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskSpec> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Spec, DateTimeOffset CreatedAt), Schedule?> _schedules = new();

    public JobDefinition Job(string specJson) => Get(_jobs, specJson, JobDefinitionWriter.FromJson);

    public TaskSpec Task(string specJson) => Get(_tasks, specJson, TaskDefinitionWriter.FromSpecJson);

    /// <summary>The job's computable schedule (an interval without an explicit anchor is anchored at <paramref name="createdAt"/>).</summary>
    public Schedule? Schedule(string specJson, DateTimeOffset createdAt)
    {
        if (_schedules.Count > MaxEntries)
        {
            _schedules.Clear();
        }

        return _schedules.GetOrAdd((specJson, createdAt), key => Job(key.Spec).BindSchedule(key.CreatedAt));
    }

    /// <summary>What governs a run's attempts: its task spec, or its job's definition.</summary>
    public (Core.Targets.TargetSpec Target, TimeSpan Timeout, Core.Retries.RetryPolicy Retry, Core.Jobs.JobDefinition? Job) Governing(string specJson, bool isTaskSpec)
    {
        if (isTaskSpec)
        {
            var task = Task(specJson);
            return (task.Target, task.Timeout, task.Retry, null);
        }

        var job = Job(specJson);
        return (job.Target, job.Timeout, job.Retry, job);
    }

    private static T Get<T>(ConcurrentDictionary<string, T> cache, string key, Func<string, T> parse)
    {
        if (cache.Count > MaxEntries)
        {
            cache.Clear();
        }

        return cache.GetOrAdd(key, parse);
    }
}
