using Punctual.Core.Alerts;

namespace Punctual.Core.Gates;

/// <summary>
/// A named gate as its owner declares it (config file or API): its limits, and — only when said — whether it is
/// paused. Null <see cref="Paused"/> leaves the pause as it is, so re-applying a file never resumes a gate an
/// operator paused during an incident. <see cref="Alert"/>: its backlog alert block, null when it has none.
/// </summary>
public sealed record GateDefinition(string Name, GateLimits Limits, bool? Paused, GateAlertSpec? Alert = null);
