using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Punctual.Bench.Hosting;

namespace Punctual.Bench.Measuring;

/// <summary>
/// CPU spent over a measured window by the server, the sink, this driver, and everything else on the machine
/// (from /proc/stat). The last figure tells whether a run was disturbed: on a 2-core machine another busy
/// process halves what the benchmark can get.
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

    private CpuWindow(int? server, int sink)
    {
        _server = server;
        _sink = sink;
        _started = TimeProvider.System.GetTimestamp();
        _serverBefore = server is { } pid ? ProcessStats.Read(pid) : default;
        _sinkBefore = ProcessStats.Read(sink);
        _driverBefore = Process.GetCurrentProcess().TotalProcessorTime;
        _machineBefore = MachineBusySeconds();
    }

    /// <param name="serverPid">The server's process, or null when no server runs (the limit measurements).</param>
    public static CpuWindow Start(int? serverPid, int sinkPid) => new(serverPid, sinkPid);

    public CpuUse Stop()
    {
        var machine = MachineBusySeconds() - _machineBefore;
        var server = _server is { } pid ? ProcessSample.CpuBetween(_serverBefore, ProcessStats.Read(pid)) : 0;
        var sink = ProcessSample.CpuBetween(_sinkBefore, ProcessStats.Read(_sink));
        var driver = (Process.GetCurrentProcess().TotalProcessorTime - _driverBefore).TotalSeconds;
        return new CpuUse(TimeProvider.System.GetElapsedTime(_started), server, sink, driver, Math.Max(0, machine - server - sink - driver));
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
internal sealed record CpuUse(TimeSpan Elapsed, double Server, double Sink, double Driver, double Others)
{
    public JsonObject ToJson() => new()
    {
        ["window_s"] = Math.Round(Elapsed.TotalSeconds, 2),
        ["server"] = Math.Round(Server, 2),
        ["sink"] = Math.Round(Sink, 2),
        ["driver"] = Math.Round(Driver, 2),
        ["other_processes"] = Math.Round(Others, 2),
    };
}
