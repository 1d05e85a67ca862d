using System.Globalization;
using System.Text.Json.Nodes;
using Punctual.Bench.Hosting;
using Punctual.Bench.Options;
using Punctual.Bench.Stores;

namespace Punctual.Bench.Workloads;

/// <summary>What a workload run gets: the options, the store, the sink, the limits measured in this round, and a way to start servers.</summary>
internal sealed class WorkloadContext(BenchOptions options, StoreBackend store, SinkHost sink, int round, JsonObject limits)
{
    public BenchOptions Options => options;

    public bool Quick => options.Quick;

    public StoreBackend Store => store;

    public SinkHost Sink => sink;

    /// <summary>1-based repetition number (--repeat).</summary>
    public int Round => round;

    /// <summary><c>sink_limit_per_s</c> and <c>db_commits_per_s</c> of this round.</summary>
    public JsonObject Limits => limits;

    public double? SinkLimitPerS => limits["sink_limit_per_s"]?.GetValue<double>();

    /// <summary>A fresh store and a `punctual serve` on it; disposing stops the server and deletes the store.</summary>
    public async Task<RunningServer> StartServerAsync(string label, CancellationToken cancellationToken)
    {
        var instance = await store.CreateAsync(label, cancellationToken);
        try
        {
            var logPath = Path.Combine(options.Work, $"{label}-r{round.ToString(CultureInfo.InvariantCulture)}-server.log");
            var server = await ServerHost.StartAsync(options.Punctual, instance, options.Engine, logPath, options.PidFile, cancellationToken);
            return new RunningServer(server, instance);
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    public static void Log(string message) =>
        Console.Error.WriteLine($"[bench {TimeProvider.System.GetUtcNow():HH:mm:ss}] {message}");
}

/// <summary>A server and the store it runs on.</summary>
internal sealed class RunningServer(ServerHost server, StoreInstance store) : IAsyncDisposable
{
    public ServerHost Server => server;

    public StoreInstance Store => store;

    public PunctualApi Api => server.Api;

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        await store.DisposeAsync();
    }
}
