using Punctual.Core.Alerts;
using Punctual.Core.Definitions;
using Punctual.Core.Monitors;
using Punctual.Storage;

namespace Punctual.Engine.Alerts;

/// <summary>
/// Monitors: an incident while one is down (or already late, with <c>alert_on: late</c>, escalated once when it then
/// goes down), decided by <see cref="MonitorRules"/>, resolved when its pings are back.
/// </summary>
public sealed class MonitorAlertSource(IPunctualStore store) : IAlertSource
{
    public async Task<IReadOnlyList<(AlertCondition Condition, IReadOnlyList<string> Channels, TimeSpan? Repeat)>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = new List<(AlertCondition, IReadOnlyList<string>, TimeSpan?)>();
        foreach (var monitor in await store.Monitors.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var definition = MonitorDefinitionWriter.FromJson(monitor.SpecJson);
            var status = MonitorRules.Evaluate(definition, monitor.Facts, now);
            var active = status.State == MonitorState.Down || (definition.AlertWhenLate && status.State == MonitorState.Late);
            var condition = new AlertCondition(
                AlertCondition.MonitorCause(monitor.Name),
                AlertKind.MonitorDown,
                monitor.Name,
                active,
                active ? Summary(monitor.Name, status.State) : $"monitor '{monitor.Name}' is up again",
                active ? status.Reason : null,
                // With alert_on: late the incident opened as late; going down is worse, and its channels are told once.
                definition.AlertWhenLate && status.State == MonitorState.Down ? Summary(monitor.Name, MonitorState.Late) : null);
            result.Add((condition, definition.Channels, definition.Repeat));
        }

        return result;
    }

    private static string Summary(string monitor, MonitorState state) => $"monitor '{monitor}' is {MonitorStates.ToText(state)}";
}
