namespace Punctual.Core.Outcomes;

/// <summary>
/// HTTP status → outcome, per DESIGN §3: 2xx success; 408, 425, 429 and 5xx transient;
/// other statuses permanent unless the job lists them as retryable.
/// </summary>
public static class StatusClassifier
{
    public static AttemptOutcome Classify(int status, IReadOnlyCollection<int> retryOnStatus)
    {
        if (status is >= 200 and <= 299)
        {
            return AttemptOutcome.Succeeded;
        }

        if (status is 408 or 425 or 429 || status >= 500 || retryOnStatus.Contains(status))
        {
            return AttemptOutcome.Transient;
        }

        return AttemptOutcome.Permanent;
    }
}
