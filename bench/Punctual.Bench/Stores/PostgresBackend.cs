using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;

namespace Punctual.Bench.Stores;

/// <summary>
/// PostgreSQL: a throwaway server for the whole invocation (scripts/postgres.sh in the work directory, on a free
/// loopback port, pg_stat_statements preloaded, durability on), a fresh database per `punctual serve` (or per
/// cluster of them), the commit rate from pgbench, and the statements a server ran from pg_stat_statements.
/// </summary>
internal sealed partial class PostgresBackend(string work, string script) : StoreBackend
{
    /// <summary>
    /// Settings passed to the server. Durability stays on (fsync, synchronous_commit, full_page_writes are the
    /// defaults, named here so the result lines say so): the benchmark measures the real thing. The rest only keeps
    /// measurement artefacts away: a larger WAL budget so checkpoints are not forced every few seconds by W6's
    /// seeding, and room in pg_stat_statements for every distinct statement.
    /// </summary>
    private static readonly (string Name, string Value)[] ServerSettings =
    [
        ("fsync", "on"),
        ("synchronous_commit", "on"),
        ("full_page_writes", "on"),
        ("shared_buffers", "256MB"),
        ("max_wal_size", "4GB"),
        ("pg_stat_statements.max", "10000"),
        ("pg_stat_statements.track", "top"),
        ("pg_stat_statements.track_utility", "on"),
    ];

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(12);
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = Path.Combine(work, "pg");
    private string? _url;
    private string? _bindir;
    private int _created;

    public override string Name => "postgres";

    public override string? Unavailable => File.Exists(script) ? null : $"scripts/postgres.sh not found at {script}";

    public override string? Version => _version;

    public override JsonObject Settings => new(ServerSettings.Select(s => KeyValuePair.Create(s.Name, (JsonNode?)s.Value)))
    {
        ["server"] = "scripts/postgres.sh: initdb in the work directory, 127.0.0.1 only, trust authentication, max_connections 300",
    };

    /// <summary>The postmaster's pid, so its CPU (and its backends', once reaped) can be told apart from the rest.</summary>
    public override int? DatabasePid => ServerPid;

    private int? ServerPid { get; set; }

    private string? _version;

    public override async Task StartAsync(string pidFile, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "start", _directory };
        foreach (var (name, value) in ServerSettings)
        {
            arguments.Add("-c");
            arguments.Add($"{name}={value}");
        }

        var (code, output, errors) = await RunAsync(script, arguments, ScriptTimeout, cancellationToken);
        if (code != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh start failed ({code}):\n{errors}");
        }

        _url = output.Trim().Split('\n').Last().Trim();
        _bindir = (await File.ReadAllTextAsync(Path.Combine(_directory, "bindir"), cancellationToken)).Trim();
        var postmaster = Path.Combine(_directory, "data", "postmaster.pid");
        if (File.Exists(postmaster))
        {
            ServerPid = int.Parse((await File.ReadAllLinesAsync(postmaster, cancellationToken))[0], CultureInfo.InvariantCulture);
            await File.AppendAllTextAsync(pidFile, $"{ServerPid}\n", cancellationToken);
        }

        _version = (await ScalarAsync(AdminConnectionString("postgres"), "SHOW server_version", cancellationToken))?.ToString();
    }

    public override async Task<StoreInstance> CreateAsync(string label, CancellationToken cancellationToken)
    {
        var database = $"bench_{Regex.Replace(label.ToLowerInvariant(), "[^a-z0-9_]", "_")}_{Interlocked.Increment(ref _created).ToString(CultureInfo.InvariantCulture)}";
        await ExecuteAsync(AdminConnectionString("postgres"), $"CREATE DATABASE {database}", cancellationToken);
        var oid = Convert.ToInt64(
            await ScalarAsync(AdminConnectionString("postgres"), $"SELECT oid FROM pg_database WHERE datname = '{database}'", cancellationToken),
            CultureInfo.InvariantCulture);
        var builder = new UriBuilder(Url) { Path = "/" + database };
        return new PostgresInstance(this, database, oid, builder.Uri.ToString());
    }

    /// <summary>
    /// pgbench with a one-row INSERT per transaction, like the SQLite probe: on one connection (a lone writer's
    /// rate: one WAL flush per commit) and on 8 (group commit lets concurrent transactions share a flush, as
    /// Punctual's claim, completion and planning connections do).
    /// </summary>
    public override async Task<JsonObject> MeasureCommitRateAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        const string probe = "bench_commit_probe";
        await ExecuteAsync(AdminConnectionString("postgres"), $"DROP DATABASE IF EXISTS {probe}", cancellationToken);
        await ExecuteAsync(AdminConnectionString("postgres"), $"CREATE DATABASE {probe}", cancellationToken);
        try
        {
            await ExecuteAsync(AdminConnectionString(probe), "CREATE TABLE t (id bigserial PRIMARY KEY, at bigint NOT NULL, v text NOT NULL)", cancellationToken);
            var scriptFile = Path.Combine(_directory, "commit-probe.sql");
            await File.WriteAllTextAsync(scriptFile, "INSERT INTO t (at, v) VALUES (:client_id, 'commit-probe');\n", cancellationToken);
            var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
            var one = await PgbenchAsync(probe, scriptFile, 1, seconds, cancellationToken);
            var eight = await PgbenchAsync(probe, scriptFile, 8, seconds, cancellationToken);
            return new JsonObject
            {
                ["per_s"] = Math.Round(one),
                ["method"] = $"pgbench -n -c 1 -T {seconds}, one-row INSERT per transaction, fsync and synchronous_commit on",
                ["clients_8_per_s"] = Math.Round(eight),
            };
        }
        finally
        {
            await ExecuteAsync(AdminConnectionString("postgres"), $"DROP DATABASE IF EXISTS {probe}", cancellationToken);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_url is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        using var timeout = new CancellationTokenSource(ScriptTimeout, TimeProvider.System);
        await RunAsync(script, ["stop", _directory], ScriptTimeout, timeout.Token);
        _url = null;
    }

    private string Url => _url ?? throw new InvalidOperationException("the PostgreSQL server is not started");

    /// <summary>
    /// The database scripts/postgres.sh created with the pg_stat_statements extension (the view lives there); the
    /// driver's own queries run in it, never in a benchmarked database, so they are never counted.
    /// </summary>
    private string StatsConnectionString => AdminConnectionString(new Uri(Url).AbsolutePath.Trim('/'));

    /// <summary>Connection string for the driver's own probes, as the same superuser (the URL has no password).</summary>
    private string AdminConnectionString(string database)
    {
        var uri = new Uri(Url);
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port,
            Username = uri.UserInfo,
            Database = database,
            Timeout = 10,
            CommandTimeout = (int)QueryTimeout.TotalSeconds,
            Pooling = false,
            ApplicationName = "punctual-bench-probe",
        }.ToString();
    }

    private async Task<double> PgbenchAsync(string database, string scriptFile, int clients, int seconds, CancellationToken cancellationToken)
    {
        var uri = new Uri(Url);
        var (code, output, errors) = await RunAsync(
            Path.Combine(_bindir!, "pgbench"),
            ["-n", "-h", uri.Host, "-p", uri.Port.ToString(CultureInfo.InvariantCulture), "-U", uri.UserInfo, "-c", clients.ToString(CultureInfo.InvariantCulture),
                "-j", Math.Min(clients, 2).ToString(CultureInfo.InvariantCulture), "-T", seconds.ToString(CultureInfo.InvariantCulture), "-f", scriptFile, database],
            TimeSpan.FromSeconds(seconds + 60),
            cancellationToken);
        var tps = Tps().Match(output);
        if (code != 0 || !tps.Success)
        {
            throw new InvalidOperationException($"pgbench failed ({code}):\n{output}\n{errors}");
        }

        return double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(
        string executable, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {executable}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(executable)} did not finish within {timeout.TotalSeconds:0} s");
        }

        return (process.ExitCode, await output, await errors);
    }

    /// <summary>One database of the throwaway server; its statements are counted from pg_stat_statements by its oid.</summary>
    private sealed class PostgresInstance(PostgresBackend backend, string database, long oid, string url) : StoreInstance
    {
        public override string ServeArgument => url;

        public override string? SqlStatementsNote => null;

        /// <summary>
        /// Calls of every statement run in this database (utility statements such as BEGIN, COMMIT and LISTEN
        /// included). The driver's own queries run in another database, so they are never counted.
        /// </summary>
        public override async Task<long?> SqlStatementsAsync(CancellationToken cancellationToken) =>
            Convert.ToInt64(
                await ScalarAsync(backend.StatsConnectionString, $"SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE dbid = {oid}", cancellationToken),
                CultureInfo.InvariantCulture);

        public override async Task ResetSqlStatementsAsync(CancellationToken cancellationToken) =>
            await ExecuteAsync(backend.StatsConnectionString, $"SELECT pg_stat_statements_reset(0::oid, {oid}::oid, 0::bigint)", cancellationToken);

        public override async Task<JsonArray?> TopStatementsAsync(int count, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(backend.StatsConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                $"SELECT calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) FROM pg_stat_statements WHERE dbid = {oid} ORDER BY calls DESC LIMIT {count}",
                connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var top = new JsonArray();
            while (await reader.ReadAsync(cancellationToken))
            {
                top.Add(new JsonObject { ["calls"] = reader.GetInt64(0), ["query"] = reader.GetString(1) });
            }

            return top;
        }

        // These two read Punctual's own tables (schema "punctual", the default), so unlike the statistics queries they
        // run in the benchmarked database and are counted there: a handful per node start and per kill (W5 only).
        public override async Task<IReadOnlySet<string>?> NodeIdsAsync(CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(backend.AdminConnectionString(database));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT id FROM punctual.nodes", connection);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetString(0));
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // Before the first node has run the migrations there is no roster yet: no nodes.
            }

            return ids;
        }

        public override async Task<long?> RunsHeldByAsync(string nodeId, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(backend.AdminConnectionString(database));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM punctual.runs WHERE state = 'running' AND lease_owner = $1", connection);
            command.Parameters.AddWithValue(nodeId);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        public override async Task<double?> SizeMbAsync(CancellationToken cancellationToken) =>
            Math.Round(
                Convert.ToInt64(await ScalarAsync(backend.AdminConnectionString("postgres"), $"SELECT pg_database_size({oid})", cancellationToken), CultureInfo.InvariantCulture) / (1024.0 * 1024.0),
                1);

        public override async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            using var timeout = new CancellationTokenSource(QueryTimeout, TimeProvider.System);
            await ExecuteAsync(backend.AdminConnectionString("postgres"), $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", timeout.Token);
        }
    }
}
