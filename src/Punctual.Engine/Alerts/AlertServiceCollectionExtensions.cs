using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Punctual.Core.Channels;
using Punctual.Engine.Channels;
using Punctual.Engine.Hosting;

namespace Punctual.Engine.Alerts;

public static class AlertServiceCollectionExtensions
{
    /// <summary>
    /// Registers alerting: channel senders (always: the API's channel test uses them), and — when
    /// <paramref name="loops"/> — the alerter and the alert sender as background loops.
    /// </summary>
    public static IServiceCollection AddPunctualAlerts(this IServiceCollection services, bool loops = true)
    {
        services.AddOptions<AlertOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AlertOptions>>().Value);
        services.AddSingleton<AlertSignals>();
        services.AddSingleton<AlertMetrics>();
        var client = ChannelSenders.CreateClient();
        services.AddSingleton<IChannelSender>(sp => new WebhookSender(client, ChannelType.Webhook, sp.GetRequiredService<AlertOptions>().SendTimeout, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IChannelSender>(sp => new WebhookSender(client, ChannelType.Slack, sp.GetRequiredService<AlertOptions>().SendTimeout, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IChannelSender>(sp => new EmailSender(sp.GetRequiredService<AlertOptions>().SendTimeout, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ChannelSenders>();
        services.AddSingleton<IAlertSource, JobAlertSource>();
        services.AddSingleton<IAlertSource, MonitorAlertSource>();
        services.AddSingleton<IAlertSource, GateAlertSource>();
        services.AddSingleton<Alerter>();
        services.AddSingleton<AlertSender>();
        if (loops)
        {
            AddLoop<Alerter>(services);
            AddLoop<AlertSender>(services);
        }

        return services;
    }

    private static void AddLoop<TLoop>(IServiceCollection services)
        where TLoop : class, IEngineLoop =>
        services.AddSingleton<IHostedService>(sp => new LoopService(
            sp.GetRequiredService<TLoop>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LoopService>>()));
}
