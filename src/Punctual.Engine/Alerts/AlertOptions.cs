using System.ComponentModel.DataAnnotations;

namespace Punctual.Engine.Alerts;

/// <summary>Settings of the alerter and the alert sender (environment: <c>PUNCTUAL_ALERTS__&lt;Option&gt;</c>). Validated at start-up.</summary>
public sealed class AlertOptions
{
    /// <summary>How often jobs and monitors are checked for causes that open or close incidents. Default: 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan EvaluateInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the outbox is checked for messages to send (new ones also wake the sender). Default: 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan DeliveryPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claimed message is leased to this node; past it another node may send it. Default: 2 min.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan DeliveryLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Longest one send may take (HTTP request, or SMTP connect to end). Default: 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long closed incidents (and their deliveries) are kept. Default: 30 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan IncidentRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Most messages claimed at once. Default: 20.</summary>
    [Range(1, 1_000)]
    public int DeliveryBatchSize { get; set; } = 20;
}
