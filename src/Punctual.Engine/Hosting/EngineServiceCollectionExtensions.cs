using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Punctual.Core.Gates;
using Punctual.Engine.Dispatching;
using Punctual.Engine.Gates;
using Punctual.Engine.Leases;
using Punctual.Engine.Maintenance;
using Punctual.Engine.Nodes;
using Punctual.Engine.Scheduling;
using Punctual.Engine.Signals;
using Punctual.Engine.Specs;
using Punctual.Engine.Targets;
using Punctual.Engine.Telemetry;

namespace Punctual.Engine.Hosting;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine and its loops as hosted services. The composition root registers the
    /// <see cref="Storage.IPunctualStore"/> and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddPunctualEngine(this IServiceCollection services, Action<EngineOptions>? configure = null)
    {
        services.AddOptions<EngineOptions>()
            .Configure(o => configure?.Invoke(o))
            .ValidateDataAnnotations()
            .Validate(o => o.LeaseRenewInterval < o.LeaseDuration / 2, "LeaseRenewInterval must be under half of LeaseDuration")
            .Validate(o => GateRates.TryParse(o.HostGateRate, out _, out _), "HostGateRate must be a rate such as '20/s', '600/m' or '1000/h', at most 100000/s")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EngineOptions>>().Value);
        services.AddSingleton(_ => NodeIdentity.CreateRandom());
        services.AddSingleton<SpecCache>();
        services.AddSingleton<HintPublisher>();
        services.AddSingleton<EngineSignals>();
        services.AddSingleton(_ => SecretSource.FromEnvironment());
        services.AddSingleton(sp => new HttpTarget(
            HttpTarget.CreateClient(sp.GetRequiredService<EngineOptions>()),
            sp.GetRequiredService<SecretSource>(),
            sp.GetRequiredService<EngineOptions>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CommandTarget>();
        services.AddSingleton<TargetRouter>();
        services.AddSingleton<FirePlanning>();
        services.AddSingleton<ClaimDecider>();
        services.AddSingleton<LeaseExpiryDecider>();
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton<GateMetrics>();
        services.AddSingleton<InFlightRegistry>();
        services.AddSingleton<CompletionWriter>();
        services.AddSingleton<AttemptRunner>();
        services.AddSingleton<Planner>();
        services.AddSingleton<Dispatcher>();
        services.AddSingleton<LeaseKeeper>();
        services.AddSingleton<LeaseReaper>();
        services.AddSingleton<Pruner>();
        services.AddSingleton<NodeHeartbeatLoop>();
        services.AddSingleton<BacklogSampler>();

        // Hosted services stop in reverse order: loops first, then the drain of in-flight attempts, then the
        // completion writer, which flushes what the drain produced.
        services.AddHostedService<ClockSkewCheckService>();
        services.AddHostedService<HostGateDefaultsService>();
        services.AddHostedService<CompletionWriterService>();
        services.AddHostedService<ShutdownDrainService>();
        AddLoop<LeaseReaper>(services);
        AddLoop<Planner>(services);
        AddLoop<Dispatcher>(services);
        AddLoop<LeaseKeeper>(services);
        AddLoop<Pruner>(services);
        AddLoop<NodeHeartbeatLoop>(services);
        AddLoop<BacklogSampler>(services);
        services.AddHostedService<HintListenerService>();
        return services;
    }

    private static void AddLoop<TLoop>(IServiceCollection services)
        where TLoop : class, IEngineLoop =>
        services.AddSingleton<IHostedService>(sp => new LoopService(
            sp.GetRequiredService<TLoop>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LoopService>>()));
}
