using Punctual.Core.Alerts;

namespace Punctual.Engine.Alerts;

/// <summary>Something that watches causes of alerts: jobs with an alert block, monitors.</summary>
public interface IAlertSource
{
    /// <summary>Every cause it watches, with whether it holds now, and where and how often it alerts.</summary>
    Task<IReadOnlyList<(AlertCondition Condition, IReadOnlyList<string> Channels, TimeSpan? Repeat)>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
