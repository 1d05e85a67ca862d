using Punctual.Client;
using Punctual.Testing;
using Xunit.Abstractions;

namespace Punctual.Cluster.Tests;

/// <summary>
/// N real `punctual serve` processes on one PostgreSQL schema, a real HTTP sink, and an SDK client per node.
/// Leases are short so that a killed node's work is taken over within seconds, yet long enough that a live node on a
/// starved CI machine (seen: 4 s without a renewal) keeps them. Given a test output, every node's log
/// is written to it at the end, so a failing test shows what each node did.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    public static readonly IReadOnlyDictionary<string, string?> FastLeases = new Dictionary<string, string?>
    {
        ["PUNCTUAL_ENGINE__LeaseDuration"] = "00:00:10",
        ["PUNCTUAL_ENGINE__LeaseRenewInterval"] = "00:00:01",
        ["PUNCTUAL_ENGINE__LeaseReapInterval"] = "00:00:01",
        ["PUNCTUAL_ENGINE__PollInterval"] = "00:00:01",
        ["PUNCTUAL_ENGINE__HeartbeatInterval"] = "00:00:01",
    };

    private readonly ITestOutputHelper? _log;

    private Cluster(TestPostgres postgres, HttpSink sink, IReadOnlyList<ServerProcess> nodes, ITestOutputHelper? log)
    {
        _log = log;
        Postgres = postgres;
        Sink = sink;
        Nodes = nodes;
        Clients = nodes.Select(n => new PunctualClient(n.BaseUrl, ServerProcess.AdminKey)).ToList();
    }

    public TestPostgres Postgres { get; }

    public HttpSink Sink { get; }

    public IReadOnlyList<ServerProcess> Nodes { get; }

    public IReadOnlyList<PunctualClient> Clients { get; }

    public static async Task<Cluster> StartAsync(int nodes, IReadOnlyDictionary<string, string?>? environment = null, ITestOutputHelper? log = null)
    {
        var postgres = await TestPostgres.CreateAsync();
        var sink = await HttpSink.StartAsync();
        var env = new Dictionary<string, string?>(FastLeases);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            env[name] = value;
        }

        // All nodes start at once, as a deployment would roll them out: migrations and the bootstrap key must cope.
        var started = await Task.WhenAll(Enumerable.Range(0, nodes).Select(_ => ServerProcess.StartOnStoreAsync(postgres.StoreUrl, env)));
        return new Cluster(postgres, sink, started, log);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients)
        {
            client.Dispose();
        }

        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
            _log?.WriteLine($"--- node on port {node.Port} ---\n{node.Output}");
        }

        await Sink.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
