using System.Globalization;
using System.Text.Json;
using Punctual.Client;
using Punctual.Testing;
using Xunit.Abstractions;

namespace Punctual.Cluster.Tests;

/// <summary>
/// Gates hold across nodes: two real nodes on one PostgreSQL claim the same gated work, and a real sink records when
/// each request arrives and how many are open at once. Arrival times are the sink's wall clock, so the checks allow
/// for transport jitter (a request released 100 ms after another may arrive 10 ms after it) — without a gate, the same
/// work arrives all at once.
/// </summary>
public sealed class GateClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Jitter = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task RateBurstAndConcurrency_HoldAcrossTwoNodes()
    {
        const double rate = 10;
        const int burst = 5, concurrency = 3, tasks = 60;
        // Each node runs at most two attempts at once, so the gate's three slots can only fill with both nodes sending:
        // its concurrency cap is tested across nodes, not within one.
        await using var cluster = await Cluster.StartAsync(2, new Dictionary<string, string?> { ["PUNCTUAL_ENGINE__MaxInFlight"] = "2" }, output);
        cluster.Sink.Respond(_ => new SinkResponse(200, HoldUntil: Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System)));
        await ApplyAsync(cluster, $$"""{ "gates": { "api": { "rate": "10/s", "burst": {{burst}}, "concurrency": {{concurrency}} } } }""");

        var due = TimeProvider.System.GetUtcNow().AddSeconds(2);
        await CreateTasksAsync(cluster, tasks, "api", "api", due);
        var arrivals = (await cluster.Sink.WaitForAsync(tasks, TimeSpan.FromSeconds(60))).Select(r => r.ArrivedAt).Order().ToList();

        // In any window of T seconds, at most burst + rate·T releases (plus what transport jitter can squeeze in).
        var worst = 0.0;
        for (var i = 0; i < arrivals.Count; i++)
        {
            for (var j = i; j < arrivals.Count; j++)
            {
                var window = (arrivals[j] - arrivals[i] + Jitter).TotalSeconds;
                var allowed = burst + (rate * window);
                worst = Math.Max(worst, (j - i + 1) / allowed);
                Assert.True(j - i + 1 <= allowed, $"{j - i + 1} arrivals within {window:0.000} s, the gate allows {allowed:0.0}");
            }
        }

        Assert.True(cluster.Sink.PeakInFlight <= concurrency, $"{cluster.Sink.PeakInFlight} requests open at once, concurrency is {concurrency}");
        var span = (arrivals[^1] - arrivals[0]).TotalSeconds;
        Assert.True(span >= (tasks - burst) / rate - Jitter.TotalSeconds, $"{tasks} tasks arrived within {span:0.00} s");
        var nodes = await NodesThatSentAsync(cluster, tasks);
        Assert.Equal(2, nodes);
        output.WriteLine($"{tasks} arrivals over {span:0.00} s (ideal {(tasks - burst) / rate:0.0} s); worst window at {worst:P0} of the limit; peak in flight {cluster.Sink.PeakInFlight}; sent by {nodes} nodes");
    }

    [Fact]
    public async Task RetryAfter_HoldsTheWholeGate_OnEveryNode()
    {
        await using var cluster = await Cluster.StartAsync(2, log: output);
        var sink = cluster.Sink;
        sink.Respond(r => r.Path == "/held/first" && r.Attempt == 1
            ? new SinkResponse(429, new Dictionary<string, string> { ["Retry-After"] = "3" })
            : SinkResponse.Ok);
        await ApplyAsync(cluster, """{ "gates": { "held": { "rate": "50/s", "burst": 50 } } }""");

        var first = await cluster.Clients[0].CreateTaskAsync(new TaskRequest { Target = new TaskTarget { Url = sink.Url("held/first") }, Gate = "held" });
        await Eventually.UntilAsync(() => cluster.Clients[1].GetRunAsync(first.Run.Id), r => r.State == "failed", "the 429 was recorded");
        var pushedBack = sink.Requests.Single(r => r.Path == "/held/first").ArrivedAt;
        await CreateTasksAsync(cluster, 10, "held/other", "held", due: null);

        var all = await sink.WaitForAsync(12, TimeSpan.FromSeconds(30));
        var others = all.Where(r => r.Path == "/held/other").ToList();
        var retried = all.Single(r => r.Path == "/held/first" && r.Attempt == 2);
        var earliest = others.Min(r => r.ArrivedAt);
        output.WriteLine($"429 at {pushedBack:HH:mm:ss.fff}; other tasks from {earliest:HH:mm:ss.fff}; the retry at {retried.ArrivedAt:HH:mm:ss.fff}");
        Assert.Equal(10, others.Count);
        Assert.True(earliest >= pushedBack.AddSeconds(3) - Jitter, $"a task went through {(earliest - pushedBack).TotalSeconds:0.00} s after the 429 with Retry-After: 3");
        Assert.True(retried.ArrivedAt >= pushedBack.AddSeconds(3) - Jitter, "the retry waited for Retry-After");
    }

    [Fact]
    public async Task APausedGate_ReleasesNothingOnAnyNode_UntilResumed()
    {
        await using var cluster = await Cluster.StartAsync(2, log: output);
        await ApplyAsync(cluster, """{ "gates": { "p": { "rate": "100/s", "burst": 100, "paused": true } } }""");

        await CreateTasksAsync(cluster, 20, "paused", "p", due: null);
        var backlog = await Eventually.UntilAsync(() => cluster.Clients[1].GetGateAsync("p"), g => g.Backlog == 20, "all 20 tasks due and waiting in the gate");
        // Both nodes poll every second: three seconds is three chances each to release something.
        await Task.Delay(TimeSpan.FromSeconds(3), TimeProvider.System);
        Assert.Empty(cluster.Sink.Requests);
        Assert.True(backlog.Paused);

        var resumedAt = TimeProvider.System.GetUtcNow();
        await cluster.Clients[1].ResumeGateAsync("p");
        var arrivals = await cluster.Sink.WaitForAsync(20, TimeSpan.FromSeconds(30));

        Assert.All(arrivals, r => Assert.True(r.ArrivedAt >= resumedAt, "nothing went through before the resume"));
        Assert.Equal(20, arrivals.Select(r => r.IdempotencyKey).Distinct().Count());
    }

    private static async Task ApplyAsync(Cluster cluster, string json)
    {
        using var document = JsonDocument.Parse(json);
        await cluster.Clients[0].ApplyAsync(document.RootElement);
    }

    /// <summary>Creates the tasks through both nodes, alternating.</summary>
    private static Task CreateTasksAsync(Cluster cluster, int count, string path, string gate, DateTimeOffset? due) =>
        Parallel.ForEachAsync(Enumerable.Range(1, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await cluster.Clients[i % 2].CreateTaskAsync(
                new TaskRequest { Target = new TaskTarget { Url = cluster.Sink.Url(path) }, At = due, Gate = gate, Key = $"{path}-{i.ToString(CultureInfo.InvariantCulture)}" },
                ct));

    private static async Task<int> NodesThatSentAsync(Cluster cluster, int count)
    {
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in cluster.Sink.Requests.Take(count))
        {
            var run = await cluster.Clients[0].GetRunAsync(long.Parse(request.Header("Punctual-Run-Id")!, CultureInfo.InvariantCulture));
            nodes.UnionWith(run.Attempts!.Select(a => a.Node!));
        }

        return nodes.Count;
    }
}
