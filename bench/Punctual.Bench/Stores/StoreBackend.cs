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

    /// <summary>The store's size on disk in MiB, when it has files of its own.</summary>
    public abstract double? SizeMb();

    public abstract ValueTask DisposeAsync();
}
