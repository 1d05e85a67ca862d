using System.Runtime.InteropServices;

namespace Punctual.Bench.Hosting;

/// <summary>The few libc calls the driver needs: signals to its own children, and the kernel's clock tick.</summary>
internal static partial class Posix
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    private const int ScClkTck = 2;

    /// <summary>Clock ticks per second of /proc/&lt;pid&gt;/stat times (almost always 100).</summary>
    public static long ClockTicksPerSecond { get; } = SysConf(ScClkTck) is var ticks and > 0 ? ticks : 100;

    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}
