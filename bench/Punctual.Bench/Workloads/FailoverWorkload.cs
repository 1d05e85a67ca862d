using System.Globalization;
using System.Text.Json.Nodes;
using Punctual.Bench.Hosting;
using Punctual.Bench.Measuring;
using Punctual.Bench.Stores;

namespace Punctual.Bench.Workloads;

/// <summary>
/// W5 failover (DESIGN.md §7): W1's 10,000 tasks due at one instant, delivered by 3 `punctual serve` nodes on one
/// PostgreSQL database, while one node after the other is killed with SIGKILL every 10 s and started again. The
/// sink holds each request a little (<see cref="SinkDelay"/>) so that attempts are in flight when a node dies.
/// Missing must be 0; a duplicate (a second delivery of the same Idempotency-Key) is allowed only for an attempt
/// the killed node had in flight, or had finished without having written its completion yet, and is attributed
/// to the kill that caused it (first arrival before the kill, the repeat after it).
/// </summary>
internal sealed class FailoverWorkload : IWorkload
{
    private const int Nodes = 3;
    private const int Tasks = 10_000;
    private const int CreateParallelism = 32;
    private const int WarmUpTasks = 300;
    private static readonly TimeSpan SinkDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan KillEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstKillAfterDue = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinimumWindow = TimeSpan.FromSeconds(31);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Short leases so a killed node's runs are taken over in seconds rather than the default 30 s; recorded in
    /// every result line. The figures then show failover, not the lease length.
    /// </summary>
    private static readonly Dictionary<string, string> EngineSettings = new(StringComparer.Ordinal)
    {
        ["LeaseDuration"] = "00:00:05",
        ["LeaseRenewInterval"] = "00:00:01",
        ["LeaseReapInterval"] = "00:00:01",
    };

    public string Id => "W5";

    public string Title => "failover: W1 on 3 nodes on one PostgreSQL, one node SIGKILLed every 10 s and restarted";

    public string? Unavailable(StoreBackend store) =>
        store.Name == "postgres" ? null : "needs --store postgres (several nodes share one PostgreSQL database)";

    public JsonObject Configuration(bool quick) => new()
    {
        ["nodes"] = Nodes,
        ["tasks"] = Tasks,
        ["kill"] = $"SIGKILL one node (round robin) {FirstKillAfterDue.TotalSeconds:0} s after the due instant, then every {KillEvery.TotalSeconds:0} s until every task arrived and at least {MinimumWindow.TotalSeconds:0} s passed; each killed node is started again at once",
        ["sink_delay_ms"] = SinkDelay.TotalMilliseconds,
        ["engine_for_this_workload"] = new JsonObject(EngineSettings.Select(e => KeyValuePair.Create($"PUNCTUAL_ENGINE__{e.Key}", (JsonNode?)e.Value))),
        ["create_parallelism"] = CreateParallelism,
        ["warm_up_tasks"] = $"2 × {WarmUpTasks} due tomorrow (JIT, then the creation rate that sets the due instant)",
    };

    public async Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var result = new WorkloadResult();
        var sink = context.Sink;
        var engine = new Dictionary<string, string>(context.Options.Engine, StringComparer.Ordinal);
        foreach (var (name, value) in EngineSettings)
        {
            engine.TryAdd(name, value);
        }

        await using var store = await context.Store.CreateAsync("w5", cancellationToken);
        var nodes = new ServerHost?[Nodes];
        var nodeIds = new string?[Nodes];
        var starts = 0;
        async Task<ServerHost> StartNodeAsync(int index)
        {
            var log = Path.Combine(context.Options.Work, $"w5-r{context.Round.ToString(CultureInfo.InvariantCulture)}-node{index.ToString(CultureInfo.InvariantCulture)}-{(++starts).ToString(CultureInfo.InvariantCulture)}.log");
            var known = await store.NodeIdsAsync(cancellationToken) ?? new HashSet<string>();
            var host = await ServerHost.StartAsync(context.Options.Punctual, store, engine, log, context.Options.PidFile, cancellationToken);
            nodeIds[index] = await NewNodeIdAsync(store, known, cancellationToken);
            return host;
        }

        try
        {
            // One node first, so the migrations run once; then the others.
            nodes[0] = await StartNodeAsync(0);
            for (var i = 1; i < Nodes; i++)
            {
                nodes[i] = await StartNodeAsync(i);
            }

            await sink.ResetAsync(cancellationToken);
            var url = $"{sink.HitUrl("w5")}?delay_ms={SinkDelay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}";
            var prefix = $"w5-r{context.Round}-";

            // The tasks go to every node in turn (any node accepts any task). A few tasks due tomorrow tell how fast
            // creation goes on this machine now, so the due instant leaves room for creating all of them first.
            // Twice: the first round pays for the JIT of three fresh processes; the second gives the rate.
            var tomorrow = clock.GetUtcNow().AddDays(1);
            var warmRate = 0.0;
            for (var round = 0; round < 2; round++)
            {
                var warmStarted = clock.GetTimestamp();
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, WarmUpTasks),
                    new ParallelOptions { MaxDegreeOfParallelism = CreateParallelism, CancellationToken = cancellationToken },
                    async (i, ct) => await nodes[i % Nodes]!.Api.SendCheckedAsync(
                        HttpMethod.Post, "api/v1/tasks", Seeding.TaskBody(url, tomorrow, $"w5-warm-{round}-{i}"), ct, System.Net.HttpStatusCode.Created));
                warmRate = WarmUpTasks / clock.GetElapsedTime(warmStarted).TotalSeconds;
            }

            var lead = TimeSpan.FromSeconds(Math.Clamp((Tasks / warmRate * 1.5) + 3, 5, 120));
            var due = ApiText.NextWholeSecond(clock.GetUtcNow() + lead);
            var keys = Enumerable.Range(0, Tasks).Select(i => $"{prefix}{ApiText.Number(i, 5)}").ToList();
            WorkloadContext.Log($"W5: creating {Tasks} tasks on {Nodes} nodes, due at {ApiText.Instant(due)}");
            await Parallel.ForEachAsync(
                Enumerable.Range(0, Tasks),
                new ParallelOptions { MaxDegreeOfParallelism = CreateParallelism, CancellationToken = cancellationToken },
                async (i, ct) => await nodes[i % Nodes]!.Api.SendCheckedAsync(HttpMethod.Post, "api/v1/tasks", Seeding.TaskBody(url, due, keys[i]), ct, System.Net.HttpStatusCode.Created));
            var created = clock.GetUtcNow();
            if (created > due)
            {
                result.Notes.Add($"creation ended {(created - due).TotalMilliseconds:0} ms after the due instant: delivery overlapped creation");
            }

            // Kills: round robin, each node scraped for its attempts in flight just before it dies.
            var kills = new List<Kill>();
            var nextKill = due + FirstKillAfterDue;
            var deadline = due + DeliveryTimeout;
            var victim = 0;
            while (true)
            {
                var distinct = await DistinctAsync(sink, prefix, cancellationToken);
                var now = clock.GetUtcNow();
                if ((distinct >= Tasks && now >= due + MinimumWindow) || now >= deadline)
                {
                    break;
                }

                if (now >= nextKill)
                {
                    var node = nodes[victim]!;
                    var inFlight = await InFlightAsync(node, cancellationToken);
                    var killedAt = clock.GetUtcNow();
                    await node.KillAsync();
                    await node.DisposeAsync();
                    nodes[victim] = null;

                    // What the dead node held: its runs stay 'running' under its lease until the lease expires.
                    var held = nodeIds[victim] is { } id ? await store.RunsHeldByAsync(id, cancellationToken) : null;
                    WorkloadContext.Log($"W5: killed node {victim} at +{(killedAt - due).TotalSeconds:0.0} s ({inFlight?.ToString(CultureInfo.InvariantCulture) ?? "?"} attempts in flight just before, {held?.ToString(CultureInfo.InvariantCulture) ?? "?"} runs held at death, {distinct} tasks delivered)");
                    nodes[victim] = await StartNodeAsync(victim);
                    kills.Add(new Kill(victim, killedAt, inFlight, held, distinct, clock.GetUtcNow() - killedAt));
                    victim = (victim + 1) % Nodes;
                    nextKill = killedAt + KillEvery;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), clock, cancellationToken);
            }

            await Task.Delay(Quiet, clock, cancellationToken);
            var report = await sink.ReportAsync(keys.Select(k => "task/" + k).ToList(), null, null, "task/" + prefix, cancellationToken);
            var arrivals = await sink.ArrivalsAsync("task/" + prefix, cancellationToken);
            var seen = report["expected"]!.GetValue<int>() - report["missing"]!.GetValue<int>();
            var last = report["last_arrival"]?.GetValue<DateTimeOffset>();

            result.Missing = report["missing"]!.GetValue<int>();
            result.Duplicates = report["duplicates"]!.GetValue<int>();
            result.TasksPerS = last is { } l && l > due ? Math.Round(seen / (l - due).TotalSeconds) : null;
            result.TakeLateness(report);
            result.SqlStatements = await store.SqlStatementsAsync(cancellationToken);

            var attributed = Attribute(arrivals, kills);
            var inFlightTotal = kills.Sum(k => k.InFlight ?? 0);
            var heldTotal = kills.Sum(k => k.Held ?? 0);
            result.Extra["delivered"] = seen;
            result.Extra["kills"] = new JsonArray(kills.Select((k, i) => (JsonNode)new JsonObject
            {
                ["node"] = k.Node,
                ["after_due_s"] = Math.Round((k.At - due).TotalSeconds, 1),
                ["attempts_in_flight_gauge"] = k.InFlight,
                ["runs_held_at_death"] = k.Held,
                ["duplicates_after"] = attributed[i],
                ["delivered_before"] = k.DeliveredBefore,
                ["restart_s"] = Math.Round(k.Restart.TotalSeconds, 1),
            }).ToArray());
            result.Extra["attempts_in_flight_gauge_at_kills"] = inFlightTotal;
            result.Extra["runs_held_at_kills"] = heldTotal;
            result.Extra["duplicates_not_after_a_kill"] = result.Duplicates - attributed.Sum();
            result.Extra["repeat_attempts"] = report["repeat_attempts"]?.DeepClone();
            result.Extra["peak_in_flight"] = report["peak_in_flight"]?.DeepClone();
            result.Extra["last_arrival_after_due_ms"] = last is { } la ? Math.Round((la - due).TotalMilliseconds, 1) : null;
            result.Extra["tasks_per_s_note"] = "delivered / (last arrival − due instant): includes the takeover of the killed nodes' runs after their leases expired";

            result.Check("floor", "missing == 0", result.Missing == 0);
            result.Check("floor", "every duplicate follows a kill (first delivery before it, repeat after it)", result.Duplicates == attributed.Sum());
            result.Check("floor", "duplicates <= runs the killed nodes held (in flight or completion unwritten)", result.Duplicates <= heldTotal);
            return result;
        }
        finally
        {
            foreach (var node in nodes)
            {
                if (node is not null)
                {
                    await node.DisposeAsync();
                }
            }
        }
    }

    /// <summary>Distinct keys the sink has seen with <paramref name="prefix"/>.</summary>
    private static async Task<int> DistinctAsync(SinkHost sink, string prefix, CancellationToken cancellationToken)
    {
        var report = await sink.ReportAsync(null, null, null, "task/" + prefix, cancellationToken);
        return report["distinct"]!.GetValue<int>();
    }

    /// <summary>The node's <c>punctual_attempts_in_flight</c> gauge from /metrics, or null when it does not answer.</summary>
    private static async Task<long?> InFlightAsync(ServerHost node, CancellationToken cancellationToken)
    {
        try
        {
            using var quick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quick.CancelAfter(TimeSpan.FromSeconds(2));
            var scrape = await node.Api.SendCheckedAsync(HttpMethod.Get, "metrics", null, quick.Token);
            var line = scrape.Split('\n').FirstOrDefault(l => l.StartsWith("punctual_attempts_in_flight", StringComparison.Ordinal));
            return line is null ? null : (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// For each kill, the repeat deliveries it caused: keys delivered before it and again after it, where it is the
    /// first kill in between.
    /// </summary>
    private static int[] Attribute(IReadOnlyList<SinkArrival> arrivals, List<Kill> kills)
    {
        var counts = new int[kills.Count];
        foreach (var group in arrivals.GroupBy(a => a.Key).Where(g => g.Count() > 1))
        {
            var ordered = group.OrderBy(a => a.At).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                // The first kill after the previous delivery caused it: the node that sent it died before writing its
                // completion, and the run was sent again once its lease expired, which may be after later kills.
                var cause = kills.FindIndex(k => k.At >= ordered[i - 1].At && k.At <= ordered[i].At);
                if (cause >= 0)
                {
                    counts[cause]++;
                }
            }
        }

        return counts;
    }

    /// <summary>The node id that appeared on the roster after a start (polled briefly: the node registers as it starts).</summary>
    private static async Task<string?> NewNodeIdAsync(StoreInstance store, IReadOnlySet<string> known, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (clock.GetUtcNow() < deadline)
        {
            var fresh = (await store.NodeIdsAsync(cancellationToken))?.Except(known).ToList();
            if (fresh is null)
            {
                return null;
            }

            if (fresh.Count == 1)
            {
                return fresh[0];
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken);
        }

        return null;
    }

    /// <param name="InFlight">The node's own attempts-in-flight gauge, scraped just before the kill.</param>
    /// <param name="Held">Runs still leased to the dead node right after the kill: in flight, or finished with the completion unwritten.</param>
    private sealed record Kill(int Node, DateTimeOffset At, long? InFlight, long? Held, int DeliveredBefore, TimeSpan Restart);
}
