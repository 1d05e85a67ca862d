using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Punctual.Bench.Hosting;

namespace Punctual.Bench.Measuring;

/// <summary>
/// CPU spent over a measured window by the server, the sink, this driver, and everything else on the machine
/// (from /proc/stat). The last figure tells whether a run was disturbed: on a 2-core machine another busy
/// process halves what the benchmark can get. With PostgreSQL, the database server's CPU (the postmaster and its
/// backends, exited ones included once reaped) is a party of its own.
/// </summary>
internal sealed class CpuWindow
{
    private readonly int? _server;
    private readonly int _sink;
    private readonly long _started;
    private readonly ProcessSample _serverBefore;
    private readonly ProcessSample _sinkBefore;
    private readonly TimeSpan _driverBefore;
    private readonly double _machineBefore;
    private readonly int? _database;
    private readonly double _databaseBefore;

    private CpuWindow(int? server, int sink, int? database)
    {
        _server = server;
        _sink = sink;
        _database = database;
        _databaseBefore = database is { } db ? ProcessStats.TreeCpuSeconds(db) : 0;
        _started = TimeProvider.System.GetTimestamp();
        _serverBefore = server is { } pid ? ProcessStats.Read(pid) : default;
        _sinkBefore = ProcessStats.Read(sink);
        _driverBefore = Process.GetCurrentProcess().TotalProcessorTime;
        _machineBefore = MachineBusySeconds();
    }

    /// <param name="serverPid">The server's process, or null when no server runs (the limit measurements).</param>
    /// <param name="databasePid">The database server's main process (PostgreSQL's postmaster), or null (SQLite runs inside the server).</param>
    public static CpuWindow Start(int? serverPid, int sinkPid, int? databasePid = null) => new(serverPid, sinkPid, databasePid);

    public CpuUse Stop()
    {
        var machine = MachineBusySeconds() - _machineBefore;
        var server = _server is { } pid ? ProcessSample.CpuBetween(_serverBefore, ProcessStats.Read(pid)) : 0;
        var sink = ProcessSample.CpuBetween(_sinkBefore, ProcessStats.Read(_sink));
        var driver = (Process.GetCurrentProcess().TotalProcessorTime - _driverBefore).TotalSeconds;
        double? database = _database is { } db ? ProcessStats.TreeCpuSeconds(db) - _databaseBefore : null;
        return new CpuUse(
            TimeProvider.System.GetElapsedTime(_started), server, sink, driver, database, Math.Max(0, machine - server - sink - driver - (database ?? 0)));
    }

    /// <summary>CPU seconds all cores spent busy since boot (user, nice, system, irq, softirq, steal).</summary>
    private static double MachineBusySeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long busy = 0;
        foreach (var index in new[] { 1, 2, 3, 6, 7, 8 })
        {
            busy += long.Parse(fields[index], CultureInfo.InvariantCulture);
        }

        return (double)busy / Posix.ClockTicksPerSecond;
    }
}

/// <summary>CPU seconds per party over a window of <see cref="Elapsed"/>.</summary>
internal sealed record CpuUse(TimeSpan Elapsed, double Server, double Sink, double Driver, double? Database, double Others)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["window_s"] = Math.Round(Elapsed.TotalSeconds, 2),
            ["server"] = Math.Round(Server, 2),
            ["sink"] = Math.Round(Sink, 2),
            ["driver"] = Math.Round(Driver, 2),
        };
        if (Database is { } database)
        {
            json["database"] = Math.Round(database, 2);
        }

        json["other_processes"] = Math.Round(Others, 2);
        return json;
    }
}
