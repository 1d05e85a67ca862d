using System.Globalization;
using Punctual.Client;
using Punctual.Testing;
using Xunit.Abstractions;

namespace Punctual.Cluster.Tests;

/// <summary>
/// Three nodes on one PostgreSQL; a per-second cron job and 2,000 one-shot tasks to a real sink; one node is
/// killed with SIGKILL mid-work and restarted. Nothing may be lost, nothing doubled beyond the attempts that were
/// in flight at the kill, and every repeat must carry the run's one idempotency key.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const int Tasks = 2_000;
    private const int MaxInFlight = 50;

    [Fact]
    public async Task KillingANodeMidWork_LosesNothing_AndDoublesOnlyAttemptsInFlight()
    {
        // Each node runs at most 50 attempts at once and the endpoint takes a second per request, so the work lasts
        // long enough for the kill to land while the victim has attempts in flight.
        await using var cluster = await Cluster.StartAsync(3, new Dictionary<string, string?> { ["PUNCTUAL_ENGINE__MaxInFlight"] = MaxInFlight.ToString(CultureInfo.InvariantCulture) }, output);
        var sink = cluster.Sink;
        sink.Respond(r => new SinkResponse(200, HoldUntil: r.Path == "/task" ? Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System) : null));
        using (var document = System.Text.Json.JsonDocument.Parse($$"""
            { "jobs": { "tick": { "schedule": "* * * * * *", "overlap": "allow", "target": { "url": "{{sink.Url("tick")}}" } } } }
            """))
        {
            await cluster.Clients[0].ApplyAsync(document.RootElement);
        }

        var due = TimeProvider.System.GetUtcNow().AddSeconds(3);
        using var retry = System.Text.Json.JsonDocument.Parse("""{ "attempts": 5, "backoff": "200ms..500ms" }""");
        await Parallel.ForEachAsync(Enumerable.Range(1, Tasks), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var client = cluster.Clients[i % 3];
            await client.CreateTaskAsync(new TaskRequest { Target = new TaskTarget { Url = sink.Url("task") }, At = due, Key = $"t-{i}", Retry = retry.RootElement }, ct);
        });

        var victim = cluster.Nodes[1];
        var victimId = victim.NodeId;
        await Eventually.UntilAsync(() => Task.FromResult(TaskArrivals(sink).Count), n => n >= Tasks / 4, "a quarter of the tasks arrived");
        await Eventually.UntilAsync(
            async () => (await cluster.Clients[0].ListNodesAsync()).Single(n => n.Id == victimId).InFlight,
            inFlight => inFlight > 0,
            "the victim has attempts in flight");
        await victim.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System);
        await victim.StartAsync();

        await Eventually.UntilAsync(() => CountAsync(cluster.Clients[0], "succeeded"), n => n == Tasks, "every task succeeded", TimeSpan.FromSeconds(120));
        var tickWindowEnd = TimeProvider.System.GetUtcNow();

        // Every task arrived; a task arriving more than once was in flight on the killed node, and all its
        // arrivals carry the same key (the repeat is the retry after its lease expired).
        var arrivals = TaskArrivals(sink);
        Assert.Equal(Tasks, arrivals.Select(r => r.IdempotencyKey).Distinct().Count());
        var repeated = arrivals.GroupBy(r => r.Header("Punctual-Run-Id")).Where(g => g.Count() > 1).ToList();
        foreach (var group in repeated)
        {
            Assert.Single(group.Select(r => r.IdempotencyKey).Distinct());
            var run = await cluster.Clients[0].GetRunAsync(long.Parse(group.Key!, CultureInfo.InvariantCulture));
            Assert.Contains(run.Attempts!, a => a.ErrorClass == "node_lost" && a.Node == victimId);
        }

        // The cron job: one run per second, no gaps, never two runs (or two keys) for one fire.
        var ticks = await AllRunsAsync(cluster.Clients[0], "tick");
        var seconds = ticks.Select(r => r.ScheduledFor).OrderBy(t => t).ToList();
        Assert.Equal(seconds.Count, seconds.Distinct().Count());
        Assert.True(seconds.Count >= 5, $"only {seconds.Count} ticks");
        for (var i = 1; i < seconds.Count; i++)
        {
            Assert.Equal(TimeSpan.FromSeconds(1), seconds[i] - seconds[i - 1]);
        }

        output.WriteLine(
            $"tasks: {arrivals.Count} arrivals for {Tasks} keys, {repeated.Count} repeated (in flight at the kill); ticks: {seconds.Count} fires, {ticks.Count(r => r.AttemptCount > 1)} retried");
        Assert.NotEmpty(repeated); // the kill happened mid-work, or the test proved nothing
        Assert.True(repeated.Count <= MaxInFlight, $"{repeated.Count} repeats, but the victim could only have {MaxInFlight} attempts in flight");

        var tickKeys = sink.Requests.Where(r => r.Path == "/tick").GroupBy(r => r.IdempotencyKey).ToList();
        Assert.All(tickKeys, g => Assert.Single(g.Select(r => r.Header("Punctual-Run-Id")).Distinct()));
        Assert.True(seconds[^1] >= tickWindowEnd.AddSeconds(-5), "the cron job kept firing through the kill");
    }

    private static List<SinkRequest> TaskArrivals(HttpSink sink) => sink.Requests.Where(r => r.Path == "/task").ToList();

    private static async Task<int> CountAsync(PunctualClient client, string state)
    {
        var count = 0;
        string? cursor = null;
        do
        {
            var page = await client.ListRunsAsync(new RunQuery { Origin = "task", State = state, Cursor = cursor, Limit = 1000 });
            count += page.Items.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return count;
    }

    private static async Task<List<Run>> AllRunsAsync(PunctualClient client, string job)
    {
        var runs = new List<Run>();
        string? cursor = null;
        do
        {
            var page = await client.ListRunsAsync(new RunQuery { Job = job, Cursor = cursor, Limit = 1000 });
            runs.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return runs;
    }
}
