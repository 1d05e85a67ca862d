using Punctual.Core.Alerts;
using Punctual.Core.Definitions;
using Punctual.Storage;
using Punctual.Storage.Alerts;

namespace Punctual.Engine.Alerts;

/// <summary>Jobs with an <c>alert:</c> block: dead, missed and slow, decided by <see cref="JobAlertRules"/>.</summary>
public sealed class JobAlertSource(IPunctualStore store) : IAlertSource
{
    public async Task<IReadOnlyList<(AlertCondition Condition, IReadOnlyList<string> Channels, TimeSpan? Repeat)>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = new List<(AlertCondition, IReadOnlyList<string>, TimeSpan?)>();
        foreach (var job in await store.Alerts.ListAlertingJobsAsync(cancellationToken).ConfigureAwait(false))
        {
            var alert = JobDefinitionWriter.FromJson(job.SpecJson).Alert;
            if (alert is null)
            {
                continue;
            }

            var facts = await store.Alerts.GetJobFactsAsync(new JobFactsRequest(job.Name, JobAlertRules.FinishedRunsNeeded(alert)), cancellationToken).ConfigureAwait(false);
            if (facts is null)
            {
                continue;
            }

            foreach (var condition in JobAlertRules.Evaluate(job.Name, alert, facts, now))
            {
                result.Add((condition, alert.Channels, alert.Repeat));
            }
        }

        return result;
    }
}
