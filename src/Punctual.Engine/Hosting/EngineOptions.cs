using System.ComponentModel.DataAnnotations;
using Punctual.Core.Gates;
using Punctual.Core.Planning;

namespace Punctual.Engine.Hosting;

/// <summary>Settings of the engine's loops. Validated at start-up.</summary>
public sealed class EngineOptions
{
    /// <summary>How long a claimed run stays leased without renewal before another node may take it over. Default: 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often in-flight leases are renewed; well under <see cref="LeaseDuration"/>. Default: 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:20:00")]
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most this node's clock may differ from the database's at start (PostgreSQL); beyond it the node refuses to
    /// start, since it would take over live leases and fire early. Keep it well under LeaseDuration. Default: 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often this node refreshes its entry on the cluster's roster. Default: 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At shutdown, how long attempts in flight may finish before their runs are released to other nodes. Default: 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a node that stopped heart-beating stays on the roster. Default: 1 day.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan NodeRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How often expired leases are looked for. Default: 10 s: a dead node's runs are retried within 30–40 s, and an
    /// idle node spends one statement per 10 s on it (the idle cost is budgeted, see bench W3).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan LeaseReapInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most runs claimed in one claim. Default: 200.</summary>
    [Range(1, 10_000)]
    public int ClaimBatchSize { get; set; } = 200;

    /// <summary>Most attempts in flight on this node at once. Default: 512.</summary>
    [Range(1, 100_000)]
    public int MaxInFlight { get; set; } = 512;

    /// <summary>Most jobs planned in one store transaction. Default: 500.</summary>
    [Range(1, 100_000)]
    public int PlanBatchSize { get; set; } = 500;

    /// <summary>
    /// Longest a loop sleeps without a wake-up or due work, as a safety net: in-process signals wake the loops
    /// when work appears, so this only bounds how late a missed signal is noticed. Default: 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Completions are written in batches at least this often. Default: 20 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan CompletionFlushInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Most completions written in one batch. Default: 500.</summary>
    [Range(1, 10_000)]
    public int CompletionBatchSize { get; set; } = 500;

    /// <summary>How long finished runs are kept in history. Default: 30 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often old history is pruned. Default: 10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most runs deleted per prune statement (the pruner loops until a batch comes back short). Default: 1,000.</summary>
    [Range(1, 100_000)]
    public int PruneBatchSize { get; set; } = 1_000;

    /// <summary>Bytes of each response body kept in history. Default: 2,048.</summary>
    [Range(0, 65_536)]
    public int ResponseExcerptBytes { get; set; } = 2_048;

    /// <summary>Longest TCP connect for an attempt (the attempt's own timeout also applies). Default: 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A fire planned later than this after its due time counts as missed (catch-up applies). Default: 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Rate of every host's default gate (the gate of a target without a named one), as <c>20/s</c>, <c>600/m</c>.
    /// Generous by default — the concurrency cap and the adaptive back-off are what protect an endpoint that has no
    /// gate of its own. Cluster-wide: every node writes its value at start, so give all nodes the same. Default: 10000/s.
    /// </summary>
    public string HostGateRate { get; set; } = "10000/s";

    /// <summary>Burst of every host's default gate. Default: 1,000.</summary>
    [Range(1, 100_000)]
    public int HostGateBurst { get; set; } = 1_000;

    /// <summary>Most attempts in flight to one host without a named gate, across the cluster (0: no cap). Default: 100.</summary>
    [Range(0, 100_000)]
    public int HostGateConcurrency { get; set; } = 100;

    /// <summary>Whether host gates back off on 429/503/timeouts (halving their rate) and recover on successes. Default: true.</summary>
    public bool HostGateAdaptive { get; set; } = true;

    /// <summary>The limits of host gates, from the HostGate* settings.</summary>
    public GateLimits HostGateLimits =>
        GateRates.TryParse(HostGateRate, out var rate, out var error)
            ? GateLimits.Create(rate, HostGateBurst, HostGateConcurrency == 0 ? null : HostGateConcurrency, HostGateAdaptive)
            : throw new InvalidOperationException(error);

    /// <summary>
    /// Whether this node runs command targets (programs on this machine: code execution, so off unless the operator
    /// says so with <c>serve --allow-commands</c>). A node without it never claims a command job's runs. Default: false.
    /// </summary>
    public bool AllowCommands { get; set; }

    /// <summary>Longest a command's output streams are read after it exited (a background child may hold them open). Default: 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CommandOutputGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often the backlog (runs due and not claimed) is counted for the punctual_runs_due gauge. One statement per
    /// sample on every node, so not too often (W3 idle budget: 1 statement a second). Default: 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BacklogSampleInterval { get; set; } = TimeSpan.FromSeconds(30);

    public PlannerOptions PlannerOptions => PlannerOptions.Default with { MisfireThreshold = MisfireThreshold };
}
