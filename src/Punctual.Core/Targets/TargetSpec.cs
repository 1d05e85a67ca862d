namespace Punctual.Core.Targets;

/// <summary>
/// What an attempt of a job does: an <see cref="HttpTargetSpec"/> (call an endpoint) or a <see cref="CommandTargetSpec"/>
/// (run a program on a node). One-shot tasks are always HTTP.
/// </summary>
public abstract record TargetSpec;
