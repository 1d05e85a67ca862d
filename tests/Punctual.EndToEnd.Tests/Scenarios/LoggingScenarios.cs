using System.Globalization;
using System.Text.Json;

namespace Punctual.EndToEnd.Tests.Scenarios;

/// <summary>The server's logs as an operator reads them: JSON lines carrying the run, job and attempt, or text lines.</summary>
public sealed class LoggingScenarios
{
    private const string Config = """
        jobs:
          failing:
            target: { url: SINK/failing }
            retry: { attempts: 1 }
        """;

    [Fact]
    public async Task JsonLogs_AreOneObjectPerLine_AndAnAttemptsEntriesCarryItsRunJobAndAttempt()
    {
        await using var d = await Deployment.StartAsync(arguments: ["--log-format", "json"]);
        d.Sink.Respond(_ => new Punctual.Testing.SinkResponse(500));
        await d.ApplyAsync(Config);

        var run = await d.Client.TriggerJobAsync("failing");
        await d.RunUntilAsync(run.Id, r => r.State == "dead", "the run went dead");

        var entries = await Punctual.Testing.Eventually.UntilAsync(
            () => Task.FromResult(JsonLines(d.Server.Output)),
            lines => lines.Any(l => ScopeOf(l, "RunId")?.GetInt64() == run.Id),
            "the attempt's warning was logged");
        var entry = entries.First(l => ScopeOf(l, "RunId")?.GetInt64() == run.Id);
        Assert.Equal("Warning", entry.GetProperty("LogLevel").GetString());
        Assert.Equal("failing", ScopeOf(entry, "Job")!.Value.GetString());
        Assert.Equal(1, ScopeOf(entry, "Attempt")!.Value.GetInt32());
        Assert.EndsWith("Z", entry.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
        Assert.Contains("HTTP 500", entry.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextLogs_AreTheDefault_AndNameTheRunInTheScope()
    {
        await using var d = await Deployment.StartAsync();
        d.Sink.Respond(_ => new Punctual.Testing.SinkResponse(500));
        await d.ApplyAsync(Config);

        var run = await d.Client.TriggerJobAsync("failing");
        await d.RunUntilAsync(run.Id, r => r.State == "dead", "the run went dead");

        var scope = string.Create(CultureInfo.InvariantCulture, $"run {run.Id} (failing) attempt 1");
        var output = await Punctual.Testing.Eventually.UntilAsync(
            () => Task.FromResult(d.Server.Output), o => o.Contains(scope, StringComparison.Ordinal), "the attempt's warning was logged");
        var line = output.Split('\n').First(l => l.Contains(scope, StringComparison.Ordinal));
        Assert.Contains("warn:", line, StringComparison.Ordinal);
        Assert.DoesNotContain(output.Split('\n'), l => l.TrimStart().StartsWith("{\"Timestamp\"", StringComparison.Ordinal));
    }

    /// <summary>Every line that is a JSON object (the start-up banner is plain text); each must parse.</summary>
    private static List<JsonElement> JsonLines(string output) =>
        output.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToList();

    private static JsonElement? ScopeOf(JsonElement entry, string name)
    {
        if (!entry.TryGetProperty("Scopes", out var scopes))
        {
            return null;
        }

        foreach (var scope in scopes.EnumerateArray())
        {
            if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(name, out var value))
            {
                return value;
            }
        }

        return null;
    }
}
