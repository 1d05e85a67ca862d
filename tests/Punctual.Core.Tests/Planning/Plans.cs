using Punctual.Core.Planning;
using Punctual.Core.Runs;

namespace Punctual.Core.Tests.Planning;

/// <summary>Readable views of a plan for assertions.</summary>
internal static class Plans
{
    public static List<DateTimeOffset> Pending(this FirePlan plan) =>
        plan.Runs.Where(r => r.State == RunState.Pending).Select(r => r.ScheduledFor).ToList();

    public static List<DateTimeOffset> Skipped(this FirePlan plan) =>
        plan.Runs.Where(r => r.State == RunState.Skipped).Select(r => r.ScheduledFor).ToList();

    public static List<DateTimeOffset> Hours(string firstUtc, int count) =>
        Enumerable.Range(0, count).Select(h => Support.Utc.At(firstUtc).AddHours(h)).ToList();
}
