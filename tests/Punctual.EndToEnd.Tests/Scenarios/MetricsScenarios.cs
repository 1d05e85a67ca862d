using System.Diagnostics;
using Punctual.Testing;

namespace Punctual.EndToEnd.Tests.Scenarios;

/// <summary>/metrics of a real server after real work, checked by Prometheus' own linter (promtool check metrics).</summary>
public sealed class MetricsScenarios
{
    [Fact]
    public async Task Metrics_AfterRuns_PassPromtool_AndCoverRunsAttemptsLatenessBacklogInFlightTakeoversAndTheStore()
    {
        await using var d = await Deployment.StartAsync(new Dictionary<string, string?> { ["PUNCTUAL_ENGINE__BacklogSampleInterval"] = "00:00:01" });
        d.Sink.RespondInOrder(new SinkResponse(500), SinkResponse.Ok);
        await d.ApplyAsync("""
            jobs:
              metered:
                target: { url: SINK/metered }
                retry: { attempts: 3, backoff: 100ms..100ms }
              waiting:
                target: { command: ["/bin/true"] }
            """);
        var metered = await d.Client.TriggerJobAsync("metered");
        await d.Client.TriggerJobAsync("waiting"); // this node does not run commands: it stays in the backlog
        await d.RunUntilAsync(metered.Id, r => r.State == "succeeded", "the metered run succeeded after a retry");

        using var http = new HttpClient { BaseAddress = d.Server.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        var text = await Eventually.UntilAsync(
            () => http.GetStringAsync("metrics"),
            t => System.Text.RegularExpressions.Regex.IsMatch(t, @"^punctual_runs_due\{[^}]*\} 1$", System.Text.RegularExpressions.RegexOptions.Multiline),
            "the backlog gauge shows the waiting command run");

        foreach (var name in new[]
        {
            "punctual_runs_total{", "punctual_attempts_total{", "punctual_attempt_duration_seconds_bucket{",
            "punctual_fire_lateness_seconds_bucket{", "punctual_dispatch_lag_seconds_bucket{", "punctual_runs_due{",
            "punctual_attempts_in_flight{", "punctual_lease_takeovers_total{", "punctual_store_duration_seconds_bucket{",
        })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }

        Assert.Contains("job=\"metered\"", text, StringComparison.Ordinal);
        Assert.Contains("outcome=\"transient\"", text, StringComparison.Ordinal);
        var (exit, output) = await PromtoolAsync(text);
        Assert.True(exit == 0, $"promtool check metrics failed:\n{output}");
    }

    /// <summary>Pipes the exposition to <c>promtool check metrics</c> (Debian package prometheus; scripts/test.sh installs it).</summary>
    private static async Task<(int Exit, string Output)> PromtoolAsync(string exposition)
    {
        var info = new ProcessStartInfo("promtool", ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("promtool is not installed; run scripts/test.sh or apt-get install prometheus", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(exposition);
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30), TimeProvider.System);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
