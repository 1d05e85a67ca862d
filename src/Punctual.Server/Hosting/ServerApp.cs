using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using Punctual.Engine.Alerts;
using Punctual.Engine.Gates;
using Punctual.Engine.Hosting;
using Punctual.Engine.Telemetry;
using Punctual.Server.Auth;
using Punctual.Server.Features.Apply;
using Punctual.Server.Features.Backfill;
using Punctual.Server.Features.Channels;
using Punctual.Server.Features.Incidents;
using Punctual.Server.Features.Gates;
using Punctual.Server.Features.Health;
using Punctual.Server.Features.Jobs;
using Punctual.Server.Features.Keys;
using Punctual.Server.Features.Monitors;
using Punctual.Server.Features.Nodes;
using Punctual.Server.Features.Outage;
using Punctual.Server.Features.Runs;
using Punctual.Server.Features.Tasks;
using Punctual.Server.Problems;
using Punctual.Storage;

namespace Punctual.Server.Hosting;

/// <summary>Composes the ASP.NET Core application: services, engine, middleware and endpoints.</summary>
public static class ServerApp
{
    /// <summary>The largest request body Kestrel accepts at all; endpoints apply their own smaller caps.</summary>
    private const long MaxRequestBodyBytes = 5 * 1024 * 1024;

    /// <summary>Configuration section (environment prefix) for engine settings.</summary>
    public const string EngineSection = "PUNCTUAL_ENGINE";

    /// <summary>Configuration section (environment prefix) for alerting settings (PUNCTUAL_ALERTS__EvaluateInterval, …).</summary>
    public const string AlertsSection = "PUNCTUAL_ALERTS";

    public static WebApplication Build(ServerHostOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls(options.Listen);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
            kestrel.AddServerHeader = false;
        });
        ServerLogging.Configure(builder.Logging, options);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(15));

        builder.Services.AddSingleton(options.Time);
        builder.Services.AddSingleton<IPunctualStore>(sp => new MeasuredStore(
            options.Store, sp.GetRequiredService<EngineMetrics>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddPunctualEngine(options.ConfigureEngine);

        // Operators tune the engine with PUNCTUAL_ENGINE__<Option> variables (docs/operations.md), e.g.
        // PUNCTUAL_ENGINE__HistoryRetention=7.00:00:00; they override the defaults and ConfigureEngine.
        builder.Services.Configure<EngineOptions>(builder.Configuration.GetSection(EngineSection));
        if (!options.StartEngine)
        {
            // No loops; but the host gates' limits are the store's configuration, which the API shows.
            builder.Services.RemoveAll<IHostedService>();
            builder.Services.AddHostedService<HostGateDefaultsService>();
        }

        // Alerting: the loops run with the engine; channel senders are always there (the API's channel test uses them).
        builder.Services.AddPunctualAlerts(loops: options.StartEngine);
        builder.Services.Configure<AlertOptions>(builder.Configuration.GetSection(AlertsSection));

        builder.Services.AddSingleton<JobChanges>();
        builder.Services.AddOpenApi();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(EngineMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());

        var app = builder.Build();

        // Instruments exist once created: the gate gauges (read from the store when scraped) with the rest.
        app.Services.GetRequiredService<GateMetrics>();
        app.UseExceptionHandler(errors => errors.Run(WriteUnhandledAsync));
        app.UseRouting();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapOpenApi();
        app.MapPrometheusScrapingEndpoint("/metrics");
        HealthEndpoints.Map(app);
        var api = app.MapGroup("/api/v1").RequireScope(Scope.Read);
        JobEndpoints.Map(api);
        BackfillEndpoints.Map(api);
        RunEndpoints.Map(api);
        TaskEndpoints.Map(api);
        ApplyEndpoints.Map(api);
        KeyEndpoints.Map(api);
        NodeEndpoints.Map(api);
        GateEndpoints.Map(api);
        OutageForecastEndpoints.Map(api);
        ChannelEndpoints.Map(api);
        IncidentEndpoints.Map(api);
        MonitorEndpoints.Map(api);
        PingEndpoints.Map(app);
        api.MapFallback(() => ApiProblem.NotFound("there is no such API endpoint; see /openapi/v1.json"));
        return app;
    }

    private static async Task WriteUnhandledAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var result = error is StoreException ? ApiProblem.Unavailable("the store is not answering; retry shortly") : ApiProblem.Internal();
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }
}
