using System.Text.Json;
using Punctual.Client;
using Punctual.Testing;

namespace Punctual.EndToEnd.Tests;

/// <summary>
/// One real deployment for a test: a `punctual serve` process on its own SQLite file and port, a real HTTP sink,
/// the SDK client, and the environment the CLI runs with.
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private Deployment(TempDirectory directory, HttpSink sink, ServerProcess server)
    {
        _directory = directory;
        Sink = sink;
        Server = server;
        Client = new PunctualClient(server.BaseUrl, ServerProcess.AdminKey);
    }

    public HttpSink Sink { get; }

    public ServerProcess Server { get; }

    public PunctualClient Client { get; }

    public string DatabasePath => _directory.File("punctual.db");

    /// <summary>The environment for CLI runs against this server.</summary>
    public Dictionary<string, string?> CliEnvironment => new()
    {
        ["PUNCTUAL_URL"] = Server.BaseUrl.ToString(),
        ["PUNCTUAL_KEY"] = ServerProcess.AdminKey,
    };

    /// <param name="environment">Extra variables for the server, e.g. PUNCTUAL_ENGINE__MisfireThreshold.</param>
    /// <param name="arguments">Extra arguments for <c>punctual serve</c>, e.g. <c>--allow-commands</c>.</param>
    public static async Task<Deployment> StartAsync(IReadOnlyDictionary<string, string?>? environment = null, IReadOnlyList<string>? arguments = null)
    {
        var directory = new TempDirectory();
        var sink = await HttpSink.StartAsync();
        var server = await ServerProcess.StartAsync(directory.File("punctual.db"), environment, arguments);
        return new Deployment(directory, sink, server);
    }

    /// <summary>Server settings for alert tests: the alerter and the alert sender run every <paramref name="every"/> (a TimeSpan text).</summary>
    public static Dictionary<string, string?> FastAlerts(string every) => new()
    {
        ["PUNCTUAL_ALERTS__EvaluateInterval"] = every,
        ["PUNCTUAL_ALERTS__DeliveryPollInterval"] = every,
    };

    /// <summary>The alert events the sink received at /alerts (where the alert tests point their webhook channel), in order.</summary>
    public List<JsonElement> AlertEvents() =>
        Sink.Requests.Where(r => r.Path == "/alerts").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();

    /// <summary>Writes a config file (SINK/ replaced by the sink's address) and returns its path.</summary>
    public string WriteConfig(string yaml, string name = "punctual.yaml")
    {
        var path = _directory.File(name);
        File.WriteAllText(path, yaml.Replace("SINK/", Sink.BaseUrl.ToString(), StringComparison.Ordinal));
        return path;
    }

    public Task<CliProcess.Result> CliAsync(params string[] arguments) => CliProcess.RunAsync(CliEnvironment, arguments);

    /// <summary>Applies a config with the real CLI and asserts it succeeded.</summary>
    public async Task ApplyAsync(string yaml)
    {
        var result = await CliAsync("apply", "-f", WriteConfig(yaml));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public async Task<IReadOnlyList<Run>> RunsAsync(string job) =>
        (await Client.ListRunsAsync(new RunQuery { Job = job, Limit = 1000 })).Items.OrderBy(r => r.Id).ToList();

    /// <summary>Polls the job's runs until <paramref name="done"/> holds (bounded by a generous deadline).</summary>
    public Task<IReadOnlyList<Run>> RunsUntilAsync(string job, Func<IReadOnlyList<Run>, bool> done, string what) =>
        Eventually.UntilAsync(() => RunsAsync(job), done, what);

    public Task<Run> RunUntilAsync(long id, Func<Run, bool> done, string what) =>
        Eventually.UntilAsync(() => Client.GetRunAsync(id), done, what);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Sink.DisposeAsync();
        _directory.Dispose();
    }
}
