namespace Punctual.Engine.Signals;

/// <summary>
/// An auto-reset wake-up for a loop: <see cref="Set"/> from anywhere (a new job, a completed run) makes the next
/// or current <see cref="WaitAsync"/> return at once. Signals while nobody waits are remembered, not counted.
/// Thread-safe.
/// </summary>
public sealed class WakeSignal
{
    private readonly object _gate = new();
    private TaskCompletionSource _tcs = NewSource();
    private bool _set;

    public void Set()
    {
        lock (_gate)
        {
            _set = true;
            _tcs.TrySetResult();
        }
    }

    /// <summary>Waits until signalled or <paramref name="timeout"/> passes on <paramref name="time"/>; true when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task signalled;
        lock (_gate)
        {
            if (_set)
            {
                _set = false;
                _tcs = NewSource();
                return true;
            }

            signalled = _tcs.Task;
        }

        if (timeout > TimeSpan.Zero)
        {
            using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, time, timeoutCts.Token);
            await Task.WhenAny(signalled, delay).ConfigureAwait(false);
            await timeoutCts.CancelAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_set)
            {
                return false;
            }

            _set = false;
            _tcs = NewSource();
            return true;
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
