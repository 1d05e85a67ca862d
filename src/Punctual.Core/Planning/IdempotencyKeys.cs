using Punctual.Core.Time;

namespace Punctual.Core.Planning;

/// <summary>
/// The <c>Idempotency-Key</c> of a run: stable for every attempt of the run, different per fire.
/// Scheduled and manual fires use <c>&lt;job&gt;/&lt;scheduled_for ISO-8601&gt;</c>; tasks use
/// <c>task/&lt;key&gt;</c> or <c>task/&lt;run id&gt;</c>.
/// </summary>
public static class IdempotencyKeys
{
    public static string ForFire(string jobName, DateTimeOffset scheduledFor) => $"{jobName}/{Instants.Format(scheduledFor)}";

    public static string ForTask(string? key, long runId) => key is null ? $"task/{runId}" : $"task/{key}";
}
