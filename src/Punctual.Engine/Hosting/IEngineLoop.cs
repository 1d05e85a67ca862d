namespace Punctual.Engine.Hosting;

/// <summary>
/// One background loop, driven step by step: <see cref="RunOnceAsync"/> does one bounded round of work and says
/// when it wants to run again. Tests call RunOnceAsync directly instead of sleeping.
/// </summary>
public interface IEngineLoop
{
    string Name { get; }

    /// <summary>Does one round; returns the instant the loop wants to run next (it may be woken earlier by its signal).</summary>
    Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>The signal that wakes this loop early, if any.</summary>
    Signals.WakeSignal? Wake { get; }
}
