using Punctual.Core.Alerts;
using Punctual.Storage;

namespace Punctual.Engine.Alerts;

/// <summary>
/// Named gates with an <c>alert:</c> block: an incident while their backlog stays above <c>backlog_above</c>, decided by
/// <see cref="GateAlertRules"/>. One store query per pass for all of them (it finds nothing, cheaply, when no gate has
/// an alert block).
/// </summary>
public sealed class GateAlertSource(IPunctualStore store) : IAlertSource
{
    public async Task<IReadOnlyList<(AlertCondition Condition, IReadOnlyList<string> Channels, TimeSpan? Repeat)>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (await store.Gates.ListBacklogAlertsAsync(now, cancellationToken).ConfigureAwait(false))
            .Select(g => (GateAlertRules.Evaluate(g.Name, g.Alert, g.Facts, now), g.Alert.Channels, g.Alert.Repeat))
            .ToList();
}
