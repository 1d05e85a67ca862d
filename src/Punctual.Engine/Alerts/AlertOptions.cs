using System.ComponentModel.DataAnnotations;

namespace Punctual.Engine.Alerts;

/// <summary>Settings of the alerter and the alert sender (environment: <c>PUNCTUAL_ALERTS__&lt;Option&gt;</c>). Validated at start-up.</summary>
public sealed class AlertOptions
{
    /// <summary>
    /// How often jobs and monitors are checked for causes that open or close incidents: an incident opens within about
    /// this of its cause. Each pass costs a few statements on every node (W3 idle budget: 1 a second). Default: 15 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan EvaluateInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often the outbox is checked for messages another node queued or left behind. Messages this node queues, and
    /// its own retries, wake the sender at once or when due, so this only bounds how soon a cluster picks up a crashed
    /// node's messages. Default: 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan DeliveryPollInterval { get; set; } = TimeSpan.FromSeconds(30);

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
