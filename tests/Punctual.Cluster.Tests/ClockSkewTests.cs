using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Punctual.Core.Definitions;
using Punctual.Core.Planning;
using Punctual.Core.Time;
using Punctual.Engine.Hosting;
using Punctual.Storage;
using Punctual.Storage.Jobs;
using Punctual.Storage.Postgres;
using Punctual.Storage.Runs;
using Punctual.Testing;

namespace Punctual.Cluster.Tests;

/// <summary>
/// ADR 0001: the application clock is the authority, and correctness must not depend on nodes agreeing on it.
/// Two engines on one PostgreSQL, one with its clock 3 s ahead, share per-second jobs: every fire becomes
/// exactly one run (none lost, none doubled); the skewed node may only deliver some fires early.
/// </summary>
public sealed class ClockSkewTests
{
    private const int Jobs = 5;

    [Fact]
    public async Task ANodeWhoseClockIsSecondsAhead_NeitherDoublesNorLosesFires()
    {
        await using var postgres = await TestPostgres.CreateAsync();
        await using var sink = await HttpSink.StartAsync();
        await using var setup = await OpenStoreAsync(postgres);
        await setup.MigrateAsync(CancellationToken.None);
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < Jobs; i++)
        {
            await CreateJobAsync(setup, $"tick-{i}", sink.Url($"tick-{i}"), now);
        }

        var honest = await StartEngineAsync(postgres, TimeProvider.System);
        var skewed = await StartEngineAsync(postgres, new OffsetTimeProvider(TimeSpan.FromSeconds(3)));
        await Task.Delay(TimeSpan.FromSeconds(8), TimeProvider.System); // the experiment: both nodes plan and dispatch
        await StopEngineAsync(skewed);
        await StopEngineAsync(honest);

        for (var i = 0; i < Jobs; i++)
        {
            var runs = (await setup.Runs.ListAsync(new RunListRequest(JobName: $"tick-{i}", Limit: 1000), CancellationToken.None)).Items;
            var fires = runs.Select(r => r.ScheduledFor).Order().ToList();
            Assert.Equal(fires.Count, fires.Distinct().Count());
            Assert.True(fires.Count >= 6, $"tick-{i} has only {fires.Count} runs");
            for (var k = 1; k < fires.Count; k++)
            {
                Assert.Equal(TimeSpan.FromSeconds(1), fires[k] - fires[k - 1]); // no fire lost between the first and the last
            }

            var delivered = sink.Requests.Where(r => r.Path == $"/tick-{i}").ToList();
            Assert.Equal(delivered.Count, delivered.Select(r => r.IdempotencyKey).Distinct().Count()); // none delivered twice
        }

        var nodes = await setup.Nodes.ListAsync(CancellationToken.None);
        Assert.Equal(2, nodes.Count);
    }

    [Fact]
    public async Task ANodeWhoseClockIsFarOff_RefusesToStart_AndSaysWhy()
    {
        await using var postgres = await TestPostgres.CreateAsync();
        await using (var setup = await OpenStoreAsync(postgres))
        {
            await setup.MigrateAsync(CancellationToken.None);
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StartEngineAsync(postgres, new OffsetTimeProvider(TimeSpan.FromSeconds(30))));

        // The skew is measured around a round trip, so it is 30 s give or take the uncertainty the message states.
        var said = Regex.Match(refused.Message, @"^Refusing to start: this node's clock is (?<offset>\S+) ahead of the database's \(±(?<uncertainty>\S+)\)");
        Assert.True(said.Success, refused.Message);
        var error = (Durations.Parse(said.Groups["offset"].Value) - TimeSpan.FromSeconds(30)).Duration();
        Assert.True(error <= Durations.Parse(said.Groups["uncertainty"].Value) + TimeSpan.FromMilliseconds(50), refused.Message);
        await using var check = await OpenStoreAsync(postgres);
        Assert.Empty(await check.Nodes.ListAsync(CancellationToken.None)); // it never joined the cluster
    }

    private static Task<PostgresStore> OpenStoreAsync(TestPostgres postgres) =>
        PostgresStore.OpenAsync(PostgresStoreOptions.FromUrl(postgres.StoreUrl), CancellationToken.None);

    private static async Task CreateJobAsync(IPunctualStore store, string name, string url, DateTimeOffset now)
    {
        using var document = JsonDocument.Parse($$"""{ "schedule": "* * * * * *", "overlap": "allow", "target": { "url": "{{url}}" } }""");
        var definition = JobDefinitionReader.Read(document.RootElement, "", name).Value!;
        var next = FirePlanner.NextFire(definition, definition.BindSchedule(now), now, 0)!.Value;
        await store.Jobs.CreateAsync(new JobCreateRequest(name, JobDefinitionWriter.ToJson(definition), next.Fire, next.Due, now), CancellationToken.None);
    }

    private static async Task<ServiceProvider> StartEngineAsync(TestPostgres postgres, TimeProvider time)
    {
        var store = await OpenStoreAsync(postgres);
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(time)
            .AddSingleton<IPunctualStore>(store)
            .AddPunctualEngine(o =>
            {
                o.LeaseDuration = TimeSpan.FromSeconds(10);
                o.LeaseRenewInterval = TimeSpan.FromSeconds(1);
                o.PollInterval = TimeSpan.FromMilliseconds(200);
            })
            .BuildServiceProvider();
        try
        {
            foreach (var hosted in services.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }
        }
        catch
        {
            await services.DisposeAsync();
            await store.DisposeAsync();
            throw;
        }

        return services;
    }

    private static async Task StopEngineAsync(ServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>().Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        var store = services.GetRequiredService<IPunctualStore>();
        await services.DisposeAsync();
        await store.DisposeAsync();
    }

    /// <summary>The system clock shifted by a fixed offset: a node whose clock is wrong.</summary>
    private sealed class OffsetTimeProvider(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
