namespace Punctual.Core.Alerts;

/// <summary>
/// What the store knows about one gate's backlog that its alert decides by: <see cref="Backlog"/> runs due and waiting
/// for it, and <see cref="ThresholdDueAt"/>, when the (<c>backlog_above</c> + 1)-th oldest of them fell due (null while
/// no more than <c>backlog_above</c> wait). Gates release oldest due first, so from that instant on more than
/// <c>backlog_above</c> runs have been waiting without a break.
/// </summary>
public sealed record GateBacklogFacts(int Backlog, DateTimeOffset? ThresholdDueAt);
