using Punctual.Storage.Alerts;
using Punctual.Storage.Gates;
using Punctual.Storage.Jobs;
using Punctual.Storage.Keys;
using Punctual.Storage.Monitors;
using Punctual.Storage.Nodes;
using Punctual.Storage.Notifications;
using Punctual.Storage.Runs;

namespace Punctual.Storage;

/// <summary>
/// The storage contract, split by capability. Internal to Punctual (the public surfaces are the REST API,
/// CLI, config file and SDK), so it may change freely; both drivers pass one conformance suite.
/// Every method takes the instants it decides by in its request: a store never reads a clock.
/// All instants are UTC with millisecond precision. Every call is bounded by the driver's command timeout.
/// </summary>
public interface IPunctualStore : IAsyncDisposable
{
    StoreCapabilities Capabilities { get; }

    IJobStore Jobs { get; }

    IRunStore Runs { get; }

    IApiKeyStore ApiKeys { get; }

    INodeStore Nodes { get; }

    IGateStore Gates { get; }

    IAlertStore Alerts { get; }

    IMonitorStore Monitors { get; }

    /// <summary>Wake-up hints between nodes, or null when the driver has none (the loops then rely on polling).</summary>
    IStoreNotifications? Notifications { get; }

    /// <summary>Applies the driver's embedded migrations, forward only; safe when several processes start at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);
}

/// <summary>
/// What a driver can do differently. <see cref="SingleNode"/>: only one process can use the store at a time
/// (it holds an exclusive lock), so at start-up every lease it finds belongs to a dead process.
/// </summary>
public sealed record StoreCapabilities(string Driver, bool SingleNode, bool SupportsListenNotify);
