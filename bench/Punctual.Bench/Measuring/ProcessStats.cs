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

    /// <summary>
    /// CPU seconds of a process, its reaped children (cutime + cstime) and its live children: for PostgreSQL's
    /// postmaster, the whole database server, backends that came and went included. 0 when the process is gone.
    /// </summary>
    public static double TreeCpuSeconds(int pid)
    {
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (candidate == pid)
                {
                    ticks += Sum(fields, 11, 12, 13, 14);
                }
                else if (parent == pid)
                {
                    ticks += Sum(fields, 11, 12);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked: its time is in the parent's cutime once reaped.
            }
        }

        return (double)ticks / Posix.ClockTicksPerSecond;

        static long Sum(string[] fields, params int[] indexes) => indexes.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
    }

    private static long Kilobytes(string line) =>
        long.Parse(line[(line.IndexOf(':') + 1)..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
}
