using System.Text.Json;
using Punctual.Core.Definitions;
using Punctual.Core.Jobs;

namespace Punctual.Bench.Micro;

/// <summary>Job definitions for the benchmarks, read through the same reader the API uses, so every default is real.</summary>
internal static class Jobs
{
    /// <summary>A fixed instant: Monday 23 November 2026, 09:00:00 UTC. Benchmarks never read a clock.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static JobDefinition Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var read = JobDefinitionReader.Read(document.RootElement, "", null);
        return read.Value ?? throw new InvalidOperationException(string.Join("; ", read.Errors.Select(e => $"{e.Field}: {e.Message}")));
    }
}
