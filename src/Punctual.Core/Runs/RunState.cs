namespace Punctual.Core.Runs;

/// <summary>The life of a run. See docs/state-machine.md; only <see cref="RunStateMachine"/> decides moves.</summary>
public enum RunState
{
    /// <summary>Waiting for its due time (and its turn, for exclusive jobs).</summary>
    Pending,

    /// <summary>An attempt is in flight under a node's lease.</summary>
    Running,

    Succeeded,

    /// <summary>The last attempt failed and a retry is scheduled at the run's due time; claimed like pending.</summary>
    Failed,

    /// <summary>Retries exhausted, deadline passed, or a permanent error. Can be replayed.</summary>
    Dead,

    /// <summary>Not dispatched because of overlap, catch-up or once-per; the reason is recorded.</summary>
    Skipped,

    Cancelled,
}

public static class RunStates
{
    public static string ToText(RunState state) => state switch
    {
        RunState.Pending => "pending",
        RunState.Running => "running",
        RunState.Succeeded => "succeeded",
        RunState.Failed => "failed",
        RunState.Dead => "dead",
        RunState.Skipped => "skipped",
        RunState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static bool TryParse(string? text, out RunState state)
    {
        foreach (var candidate in Enum.GetValues<RunState>())
        {
            if (ToText(candidate) == text)
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    public static RunState Parse(string text) =>
        TryParse(text, out var state) ? state : throw new FormatException($"'{text}' is not a run state.");

    /// <summary>States in which a run still counts as active for overlap: it will (or does) send an attempt.</summary>
    public static bool IsActive(RunState state) => state is RunState.Pending or RunState.Running or RunState.Failed;

    /// <summary>States that a claim picks up once due.</summary>
    public static bool IsClaimable(RunState state) => state is RunState.Pending or RunState.Failed;

    public static bool IsFinal(RunState state) =>
        state is RunState.Succeeded or RunState.Dead or RunState.Skipped or RunState.Cancelled;

    public static readonly string AllNames = string.Join(", ", Enum.GetValues<RunState>().Select(ToText));
}
