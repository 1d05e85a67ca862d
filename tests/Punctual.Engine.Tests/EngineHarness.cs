using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Punctual.Core.Definitions;
using Punctual.Core.Planning;
using Punctual.Engine.Dispatching;
using Punctual.Engine.Hosting;
using Punctual.Engine.Leases;
using Punctual.Engine.Maintenance;
using Punctual.Engine.Scheduling;
using Punctual.Engine.Targets;
using Punctual.Storage;
using Punctual.Storage.Jobs;
using Punctual.Storage.Runs;
using Punctual.Storage.Sqlite;
using Punctual.Testing;

namespace Punctual.Engine.Tests;

/// <summary>
/// The real engine on a real SQLite file, a real HTTP sink, and a fake clock. Tests move time and drive the loops
/// one round at a time, so every timing is exact and nothing sleeps.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory;
    private readonly ServiceProvider _services;

    private EngineHarness(TempDirectory directory, ServiceProvider services, IPunctualStore store, FakeTimeProvider time, HttpSink sink, Dictionary<string, string> environment)
    {
        _directory = directory;
        _services = services;
        Store = store;
        Time = time;
        Sink = sink;
        Environment = environment;
    }

    public IPunctualStore Store { get; }

    public FakeTimeProvider Time { get; }

    public HttpSink Sink { get; }

    /// <summary>The environment <c>${env:NAME}</c> references resolve from.</summary>
    public Dictionary<string, string> Environment { get; }

    public string DatabasePath => _directory.File("punctual.db");

    public Planner Planner => _services.GetRequiredService<Planner>();

    public Dispatcher Dispatcher => _services.GetRequiredService<Dispatcher>();

    public CompletionWriter Completions => _services.GetRequiredService<CompletionWriter>();

    public LeaseReaper Reaper => _services.GetRequiredService<LeaseReaper>();

    public LeaseKeeper Keeper => _services.GetRequiredService<LeaseKeeper>();

    public Pruner Pruner => _services.GetRequiredService<Pruner>();

    public InFlightRegistry InFlight => _services.GetRequiredService<InFlightRegistry>();

    public FirePlanning Planning => _services.GetRequiredService<FirePlanning>();

    public ShutdownDrainService Drain => _services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ShutdownDrainService>().Single();

    public Engine.Nodes.NodeHeartbeatLoop Heartbeat => _services.GetRequiredService<Engine.Nodes.NodeHeartbeatLoop>();

    public EngineOptions Options => _services.GetRequiredService<EngineOptions>();

    public Engine.Telemetry.BacklogSampler Sampler => _services.GetRequiredService<Engine.Telemetry.BacklogSampler>();

    public static async Task<EngineHarness> StartAsync(Action<EngineOptions>? configure = null)
    {
        var directory = new TempDirectory();
        var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { Path = directory.File("punctual.db") }, CancellationToken.None);
        await store.MigrateAsync(CancellationToken.None);
        var time = new FakeTimeProvider(Start);
        var sink = await HttpSink.StartAsync();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<IPunctualStore>(store)
            .AddPunctualEngine(configure)
            .AddSingleton(new SecretSource(name => environment.GetValueOrDefault(name)))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return new EngineHarness(directory, services, store, time, sink, environment);
    }

    /// <summary>Creates a job from its JSON definition (as the API would), with its first fire after now.</summary>
    public async Task<JobRecord> CreateJobAsync(string name, string definitionJson)
    {
        using var document = JsonDocument.Parse(definitionJson.Replace("SINK/", Sink.BaseUrl.ToString(), StringComparison.Ordinal));
        var read = JobDefinitionReader.Read(document.RootElement, "", name);
        Assert.True(read.Ok, string.Join("; ", read.Errors));
        var definition = read.Value!;
        var now = Time.GetUtcNow();
        var next = FirePlanner.NextFire(definition, definition.BindSchedule(now), now, 0);
        var result = await Store.Jobs.CreateAsync(
            new JobCreateRequest(name, JobDefinitionWriter.ToJson(definition), next?.Fire, next?.Due, now, definition.GateName), CancellationToken.None);
        Assert.True(result.Done);
        return result.Job!;
    }

    /// <summary>Creates a one-shot task due now that posts to the sink's path <c>t</c>.</summary>
    public async Task CreateTaskDueNowAsync()
    {
        var now = Time.GetUtcNow();
        var spec = TaskDefinitionWriter.ToSpecJson(new Core.Tasks.TaskDefinition(
            new Core.Targets.HttpTargetSpec("POST", Sink.Url("t"), [], null), now, null, TimeSpan.FromMinutes(5), Core.Retries.RetryPolicy.Default));
        await Store.Runs.CreateTaskAsync(new TaskCreateRequest(null, spec, now, now), CancellationToken.None);
    }

    /// <summary>One round of every loop that moves work: plan, claim, wait for the attempts, write their completions.</summary>
    public async Task StepAsync()
    {
        await Planner.RunOnceAsync(CancellationToken.None);
        await Reaper.RunOnceAsync(CancellationToken.None);
        await Dispatcher.RunOnceAsync(CancellationToken.None);
        await Dispatcher.WhenAttemptsFinishedAsync();
        await Completions.FlushAsync(CancellationToken.None);
    }

    /// <summary>Runs rounds until a round starts no attempt (exclusive jobs run queued runs one per round).</summary>
    public async Task StepUntilIdleAsync(int maxRounds = 50)
    {
        for (var i = 0; i < maxRounds; i++)
        {
            var before = Sink.Requests.Count;
            await StepAsync();
            if (Sink.Requests.Count == before)
            {
                return;
            }
        }
    }

    /// <summary>Moves the clock forward and runs one round.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        await StepAsync();
    }

    public async Task<IReadOnlyList<RunRecord>> RunsAsync(string? job = null)
    {
        var page = await Store.Runs.ListAsync(new RunListRequest(JobName: job, Limit: 1000), CancellationToken.None);
        return page.Items.OrderBy(r => r.Id).ToList();
    }

    public async Task<RunDetail> RunAsync(long id) => (await Store.Runs.GetAsync(id, CancellationToken.None))!;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Store.DisposeAsync();
        await Sink.DisposeAsync();
        _directory.Dispose();
    }
}
