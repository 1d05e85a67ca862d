using System.Globalization;
using Punctual.Bench.Hosting;

namespace Punctual.Bench.Measuring;

/// <summary>A process's CPU time so far (user + system, seconds) and memory (resident now and at peak, MiB).</summary>
internal readonly record struct ProcessSample(double CpuSeconds, double RssMb, double PeakRssMb, int Threads)
{
    public static double CpuBetween(ProcessSample before, ProcessSample after) => after.CpuSeconds - before.CpuSeconds;
}

/// <summary>Reads /proc/&lt;pid&gt;/stat (utime + stime) and /proc/&lt;pid&gt;/status (VmRSS, VmHWM, Threads).</summary>
internal static class ProcessStats
{
    public static ProcessSample Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");

        // The command name (field 2) may contain spaces and parentheses; fields after the last ')' are plain.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        double rss = 0, hwm = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kilobytes(line) / 1024.0;
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return new ProcessSample((double)ticks / Posix.ClockTicksPerSecond, rss, hwm, threads);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line[(line.IndexOf(':') + 1)..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
}
