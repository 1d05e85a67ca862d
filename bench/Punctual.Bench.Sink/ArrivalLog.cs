namespace Punctual.Bench.Sink;

/// <summary>One request that reached the sink: when (UTC), and the Punctual headers it carried (raw text).</summary>
internal readonly record struct Arrival(DateTimeOffset At, string? Key, string? ScheduledFor, string? Attempt);

/// <summary>
/// Every arrival since the last reset, plus in-flight and open-connection peaks. Thread-safe. Recording is one
/// lock and one list append, so the sink's own cost per request stays far below the engine's.
/// </summary>
internal sealed class ArrivalLog
{
    private readonly Lock _gate = new();
    private List<Arrival> _arrivals = new(capacity: 1 << 16);
    private int _inFlight;
    private int _peakInFlight;
    private int _connections;
    private int _peakConnections;

    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    public int PeakConnections => Volatile.Read(ref _peakConnections);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _arrivals.Count;
            }
        }
    }

    public void Add(Arrival arrival)
    {
        lock (_gate)
        {
            _arrivals.Add(arrival);
        }
    }

    public List<Arrival> Snapshot()
    {
        lock (_gate)
        {
            return [.. _arrivals];
        }
    }

    /// <summary>Forgets every arrival and restarts the peaks from what is open now.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _arrivals = new List<Arrival>(capacity: 1 << 16);
        }

        Volatile.Write(ref _peakInFlight, Volatile.Read(ref _inFlight));
        Volatile.Write(ref _peakConnections, Volatile.Read(ref _connections));
    }

    public void EnterRequest() => Raise(ref _peakInFlight, Interlocked.Increment(ref _inFlight));

    public void ExitRequest() => Interlocked.Decrement(ref _inFlight);

    public void OpenConnection() => Raise(ref _peakConnections, Interlocked.Increment(ref _connections));

    public void CloseConnection() => Interlocked.Decrement(ref _connections);

    private static void Raise(ref int peak, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen)
        {
        }
    }
}
