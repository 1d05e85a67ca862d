using System.Text.Json.Nodes;

namespace Punctual.Bench.Stores;

/// <summary>
/// The store the benchmark runs Punctual on, for a whole invocation: it starts what the store needs (nothing for
/// SQLite; a throwaway server for PostgreSQL), hands out fresh empty stores, and measures the database's own limit
/// (its commit rate). Workloads never know which store they run on.
/// </summary>
internal abstract class StoreBackend : IAsyncDisposable
{
    /// <summary>The name used by <c>--store</c> and in result lines.</summary>
    public abstract string Name { get; }

    /// <summary>Null when the store can be benchmarked; otherwise what it still needs.</summary>
    public abstract string? Unavailable { get; }

    /// <summary>The database engine's version, for result lines.</summary>
    public abstract string? Version { get; }

    /// <summary>The database server's main process when it runs apart from Punctual (PostgreSQL), for its CPU figures.</summary>
    public virtual int? DatabasePid => null;

    /// <summary>How the store is set up (server settings, durability), for the result lines; null when nothing is set.</summary>
    public virtual JsonObject? Settings => null;

    /// <summary>Starts what the store needs for the whole invocation (children go in <paramref name="pidFile"/>).</summary>
    public virtual Task StartAsync(string pidFile, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A fresh, empty store for one server; <paramref name="label"/> names it in the work directory.</summary>
    public abstract Task<StoreInstance> CreateAsync(string label, CancellationToken cancellationToken);

    /// <summary>
    /// The database's commit rate with Punctual's durability settings: <c>per_s</c> and how it was measured.
    /// </summary>
    public abstract Task<JsonObject> MeasureCommitRateAsync(TimeSpan duration, CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>One empty store given to one server. Disposing deletes it.</summary>
internal abstract class StoreInstance : IAsyncDisposable
{
    /// <summary>The value of <c>punctual serve --store</c>.</summary>
    public abstract string ServeArgument { get; }

    /// <summary>Why <see cref="SqlStatementsAsync"/> is null, when it is.</summary>
    public abstract string? SqlStatementsNote { get; }

    /// <summary>SQL statements the server has run on this store so far, or null when the store cannot count them.</summary>
    public abstract Task<long?> SqlStatementsAsync(CancellationToken cancellationToken);

    /// <summary>Forgets the statements counted so far (a measured window starts), where the store counts them.</summary>
    public virtual Task ResetSqlStatementsAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The <paramref name="count"/> most frequent statements since the last reset, or null when not counted.</summary>
    public virtual Task<JsonArray?> TopStatementsAsync(int count, CancellationToken cancellationToken) => Task.FromResult<JsonArray?>(null);

    /// <summary>The ids of the nodes on the store's roster (W5 maps each process to its node), or null when the store has none to show.</summary>
    public virtual Task<IReadOnlySet<string>?> NodeIdsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlySet<string>?>(null);

    /// <summary>
    /// Runs leased to <paramref name="nodeId"/> and still running: after the node was killed, the attempts it had in
    /// flight or had finished without writing their completion (W5's bound on duplicates). Null when not available.
    /// </summary>
    public virtual Task<long?> RunsHeldByAsync(string nodeId, CancellationToken cancellationToken) => Task.FromResult<long?>(null);

    /// <summary>The store's size on disk in MiB.</summary>
    public abstract Task<double?> SizeMbAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
