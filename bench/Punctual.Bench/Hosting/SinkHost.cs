using System.Text;
using System.Text.Json.Nodes;
using Punctual.Bench.Measuring;

namespace Punctual.Bench.Hosting;

/// <summary>The benchmark sink process (bench/Punctual.Bench.Sink) and its control endpoints.</summary>
internal sealed class SinkHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ChildProcess _process;
    private readonly HttpClient _control;

    private SinkHost(ChildProcess process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _control = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseUrl { get; }

    public int Pid => _process.Pid;

    /// <summary>The URL attempts are sent to; <paramref name="label"/> only makes the sink's path readable.</summary>
    public string HitUrl(string label) => new Uri(BaseUrl, $"hit/{label}").ToString();

    public ProcessSample Sample() => ProcessStats.Read(_process.Pid);

    public static async Task<SinkHost> StartAsync(string executable, string work, string pidFile, CancellationToken cancellationToken)
    {
        var urlFile = Path.Combine(work, "sink.url");
        var process = ChildProcess.Start("sink", executable, ["--url-file", urlFile], new Dictionary<string, string>(), Path.Combine(work, "sink.log"), pidFile);
        try
        {
            var clock = TimeProvider.System;
            var deadline = clock.GetUtcNow() + StartTimeout;
            while (!File.Exists(urlFile))
            {
                if (process.HasExited || clock.GetUtcNow() > deadline)
                {
                    throw new InvalidOperationException($"the sink did not start:\n{process.Tail()}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), clock, cancellationToken);
            }

            var baseUrl = new Uri((await File.ReadAllTextAsync(urlFile, cancellationToken)).Trim() + "/");
            await Health.WaitAsync(process, new Uri(baseUrl, "healthz"), StartTimeout, cancellationToken);
            return new SinkHost(process, baseUrl);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        using var response = await _control.PostAsync("_reset", null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var stats = JsonNode.Parse(await _control.GetStringAsync("_stats", cancellationToken))!;
        return stats["count"]!.GetValue<int>();
    }

    /// <summary>Asks the sink for its report on the arrivals the query selects (see the sink's ReportQuery).</summary>
    public async Task<JsonObject> ReportAsync(
        IReadOnlyCollection<string>? expectedKeys,
        DateTimeOffset? scheduledFrom,
        DateTimeOffset? scheduledTo,
        string? keyPrefix,
        CancellationToken cancellationToken)
    {
        var query = new JsonObject
        {
            ["expected_keys"] = expectedKeys is null ? null : new JsonArray(expectedKeys.Select(k => (JsonNode)k).ToArray()),
            ["scheduled_from"] = scheduledFrom,
            ["scheduled_to"] = scheduledTo,
            ["key_prefix"] = keyPrefix,
        };
        using var content = new StringContent(query.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _control.PostAsync("_report", content, cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
    }

    /// <summary>Every arrival whose key starts with <paramref name="keyPrefix"/>, in arrival order.</summary>
    public async Task<IReadOnlyList<SinkArrival>> ArrivalsAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        var query = new JsonObject { ["key_prefix"] = keyPrefix };
        using var content = new StringContent(query.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _control.PostAsync("_arrivals", content, cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsArray()
            .Select(a => new SinkArrival(a!["key"]!.GetValue<string>(), a["at"]!.GetValue<DateTimeOffset>(), a["attempt"]?.GetValue<string>()))
            .ToList();
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> requests arrived, or until <paramref name="deadline"/>; then
    /// waits <paramref name="quiet"/> more so late duplicates are seen. Polls every 100 ms (cheap for the sink).
    /// Returns false when the deadline passed first.
    /// </summary>
    public async Task<bool> WaitForCountAsync(int count, DateTimeOffset deadline, TimeSpan quiet, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var reached = false;
        while (clock.GetUtcNow() < deadline)
        {
            if (await CountAsync(cancellationToken) >= count)
            {
                reached = true;
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken);
        }

        await Task.Delay(quiet, clock, cancellationToken);
        return reached;
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        await _process.DisposeAsync();
    }
}

/// <summary>One request the sink recorded: its Idempotency-Key, arrival instant and Punctual-Attempt header.</summary>
internal sealed record SinkArrival(string Key, DateTimeOffset At, string? Attempt);
