using System.Text.Json;
using Punctual.Core.Definitions;
using Punctual.Core.Retries;
using Punctual.Core.Targets;
using Punctual.Core.Tasks;

namespace Punctual.Storage.Conformance.Seeding;

/// <summary>
/// Canonical spec texts, written by Core's own readers and writers, so a test that plans or decides with Core's
/// real rules reads them back exactly as the engine would. The store itself treats specs as opaque text.
/// </summary>
public static class Specs
{
    /// <summary>A job firing every <paramref name="every"/> from <see cref="At.T0"/>, or on demand only when null.</summary>
    public static string Job(
        string name,
        string? every = "1m",
        string overlap = "allow",
        string catchUp = "all",
        string? oncePer = null,
        bool pauseOnFailure = false)
    {
        var fields = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["target"] = new Dictionary<string, object?> { ["url"] = $"https://receiver.example/{name}" },
            ["overlap"] = overlap,
            ["catch_up"] = catchUp,
            ["pause_on_failure"] = pauseOnFailure,
        };
        if (every is not null)
        {
            fields["every"] = every;
            fields["anchor"] = "2026-03-01T00:00:00Z";
        }

        if (oncePer is not null)
        {
            fields["once_per"] = oncePer;
        }

        using var document = JsonDocument.Parse(JsonSerializer.Serialize(fields));
        var read = JobDefinitionReader.Read(document.RootElement, "", null);
        var definition = read.Value ?? throw new InvalidOperationException($"Test job spec is invalid: {string.Join("; ", read.Errors)}");
        return JobDefinitionWriter.ToJson(definition);
    }

    /// <summary>An on-demand job whose target is a command (only nodes that allow commands claim its runs).</summary>
    public static string CommandJob(string name, string? gate = null)
    {
        var gateField = gate is null ? "" : $", \"gate\": \"{gate}\"";
        using var document = JsonDocument.Parse($$"""{ "name": "{{name}}", "overlap": "allow", "target": { "command": ["/bin/true"] }{{gateField}} }""");
        var read = JobDefinitionReader.Read(document.RootElement, "", null);
        var definition = read.Value ?? throw new InvalidOperationException($"Test job spec is invalid: {string.Join("; ", read.Errors)}");
        return JobDefinitionWriter.ToJson(definition);
    }

    public static string Task(string url = "https://receiver.example/task") =>
        TaskDefinitionWriter.ToSpecJson(new TaskDefinition(
            new HttpTargetSpec(HttpTargetSpec.DefaultMethod, url, [], null),
            At.T0,
            null,
            TimeSpan.FromSeconds(30),
            RetryPolicy.Default));
}
