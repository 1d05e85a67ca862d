using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Punctual.Bench.Stores;

/// <summary>
/// The embedded store: one file per server in the work directory. The commit-rate probe writes one-row
/// transactions to a file of its own with the pragmas Punctual uses (WAL, synchronous=NORMAL), and for reference
/// with synchronous=FULL (an fsync per commit).
/// </summary>
internal sealed class SqliteBackend(string work) : StoreBackend
{
    private int _created;

    public override string Name => "sqlite";

    public override string? Unavailable => null;

    public override string? Version { get; } = ReadVersion();

    public override JsonObject Settings => new()
    {
        ["server"] = "embedded in punctual serve: one file per server in the work directory, WAL, synchronous=NORMAL (Punctual's own settings)",
    };

    public override Task<StoreInstance> CreateAsync(string label, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(work, "stores", $"{label}-{Interlocked.Increment(ref _created)}");
        Directory.CreateDirectory(directory);
        return Task.FromResult<StoreInstance>(new SqliteInstance(Path.Combine(directory, "punctual.db")));
    }

    public override async Task<JsonObject> MeasureCommitRateAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var normal = await CommitsPerSecondAsync("NORMAL", duration, cancellationToken);
        var full = await CommitsPerSecondAsync("FULL", duration / 2, cancellationToken);
        return new JsonObject
        {
            ["per_s"] = Math.Round(normal),
            ["method"] = "one-row INSERT transactions (BEGIN IMMEDIATE) on one connection, WAL, synchronous=NORMAL as Punctual uses",
            ["synchronous_full_per_s"] = Math.Round(full),
        };
    }

    private async Task<double> CommitsPerSecondAsync(string synchronous, TimeSpan duration, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(work, "stores", $"commit-probe-{synchronous.ToLowerInvariant()}");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "probe.db");
        var clock = TimeProvider.System;
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using (var setup = connection.CreateCommand())
            {
                setup.CommandText = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, v TEXT NOT NULL);";
                await setup.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t (at, v) VALUES ($at, 'commit-probe');";
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            var commits = 0L;
            var started = clock.GetTimestamp();
            while (clock.GetElapsedTime(started) < duration)
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                insert.Transaction = transaction;
                at.Value = commits;
                await insert.ExecuteNonQueryAsync(cancellationToken);
                transaction.Commit();
                commits++;
            }

            return commits / clock.GetElapsedTime(started).TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string? ReadVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version();";
        return command.ExecuteScalar() as string;
    }

    private sealed class SqliteInstance(string path) : StoreInstance
    {
        public override string ServeArgument => $"sqlite:{path}";

        public override string? SqlStatementsNote =>
            "SQLite runs in the server's process and keeps no statement counter (PostgreSQL's pg_stat_statements has one); not measured";

        public override Task<long?> SqlStatementsAsync(CancellationToken cancellationToken) => Task.FromResult<long?>(null);

        public override Task<double?> SizeMbAsync(CancellationToken cancellationToken)
        {
            var directory = Path.GetDirectoryName(path)!;
            var bytes = Directory.EnumerateFiles(directory).Sum(f => new FileInfo(f).Length);
            return Task.FromResult<double?>(Math.Round(bytes / (1024.0 * 1024.0), 1));
        }

        public override ValueTask DisposeAsync()
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
