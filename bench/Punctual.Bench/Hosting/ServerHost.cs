using System.Globalization;
using Punctual.Bench.Measuring;
using Punctual.Bench.Stores;

namespace Punctual.Bench.Hosting;

/// <summary>
/// One `punctual serve` process on a loopback port and a store, started the way an operator would (CLI, env
/// variables), ready once /healthz answers. Disposing stops it gracefully (SIGTERM) and disposes its API client.
/// </summary>
internal sealed class ServerHost : IAsyncDisposable
{
    public const string AdminKey = "pk_bench_admin_key_0123456789abcdef";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;

    private ServerHost(ChildProcess process, Uri baseUrl, IReadOnlyDictionary<string, string> environment)
    {
        _process = process;
        BaseUrl = baseUrl;
        Environment = environment;
        Api = new PunctualApi(baseUrl, AdminKey, maxConnections: 256);
    }

    public Uri BaseUrl { get; }

    public PunctualApi Api { get; }

    public int Pid => _process.Pid;

    /// <summary>The environment the server was given beyond the inherited one (engine settings, admin key redacted).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public ProcessSample Sample() => ProcessStats.Read(_process.Pid);

    public static async Task<ServerHost> StartAsync(
        string executable,
        StoreInstance store,
        IReadOnlyDictionary<string, string> engine,
        string logPath,
        string pidFile,
        CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var baseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PUNCTUAL_ADMIN_KEY"] = AdminKey };
        foreach (var (option, value) in engine)
        {
            environment[$"PUNCTUAL_ENGINE__{option}"] = value;
        }

        var process = ChildProcess.Start(
            "punctual serve",
            executable,
            ["serve", "--listen", baseUrl.ToString().TrimEnd('/'), "--store", store.ServeArgument],
            environment,
            logPath,
            pidFile);
        var shown = environment.Where(e => e.Key != "PUNCTUAL_ADMIN_KEY").ToDictionary(e => e.Key, e => e.Value);
        var host = new ServerHost(process, baseUrl, shown);
        try
        {
            await Health.WaitAsync(process, new Uri(baseUrl, "healthz"), StartTimeout, cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server with SIGKILL (a crash) and waits for it to be gone; disposing afterwards is still required.</summary>
    public Task KillAsync() => _process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Api.Dispose();
    }
}
