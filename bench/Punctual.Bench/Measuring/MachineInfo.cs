using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Punctual.Bench.Measuring;

/// <summary>The machine and versions every result line records, read from /proc and the runtime.</summary>
internal static class MachineInfo
{
    public static JsonObject Machine() => new()
    {
        ["cores"] = Environment.ProcessorCount,
        ["cpu_model"] = CpuModel(),
        ["memory_mb"] = MemoryMb(),
        ["kernel"] = ReadTrimmed("/proc/sys/kernel/osrelease"),
        ["os"] = OsName(),
        ["hostname"] = Environment.MachineName,
    };

    /// <param name="store">The store's name as its version's key ("sqlite", "postgres").</param>
    public static JsonObject Versions(string? sdk, string? commit, string store, string? storeVersion) => new()
    {
        ["dotnet_runtime"] = RuntimeInformation.FrameworkDescription,
        ["dotnet_sdk"] = sdk,
        ["punctual_commit"] = commit,
        [store] = storeVersion,
    };

    private static string? CpuModel()
    {
        var lines = ReadLines("/proc/cpuinfo");
        var model = lines.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        var mhz = lines.FirstOrDefault(l => l.StartsWith("cpu MHz", StringComparison.Ordinal));
        var name = model?[(model.IndexOf(':') + 1)..].Trim();
        return mhz is null ? name : $"{name} @ {mhz[(mhz.IndexOf(':') + 1)..].Trim()} MHz";
    }

    private static long? MemoryMb()
    {
        var total = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return total is null ? null : long.Parse(total[9..].Replace("kB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    private static string? OsName()
    {
        var pretty = ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        return pretty?["PRETTY_NAME=".Length..].Trim('"');
    }

    private static string? ReadTrimmed(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    private static string[] ReadLines(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];
}
