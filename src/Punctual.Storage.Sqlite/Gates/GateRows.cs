using Microsoft.Data.Sqlite;
using Punctual.Core.Definitions;
using Punctual.Core.Gates;
using Punctual.Storage.Gates;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Gates;

/// <summary>How gate rows are read and written, inside a caller's transaction.</summary>
internal static class GateRows
{
    public const string DefaultsName = "host:*";

    public const string Columns = "name, kind, rate_per_s, burst, concurrency, adaptive, floor_per_s, paused, tokens, state_at, effective_rate, held_until, created_at, updated_at";

    /// <summary>Any adaptive gate running below its rate (only then can a success change a gate).</summary>
    public const string AnySlowed = $"""
        SELECT 1 FROM gates g LEFT JOIN gates d ON d.name = '{DefaultsName}'
        WHERE g.kind <> 'defaults' AND COALESCE(g.adaptive, d.adaptive) AND g.effective_rate < COALESCE(g.rate_per_s, d.rate_per_s)
        LIMIT 1;
        """;

    /// <summary>
    /// Makes sure the gate a job or task names exists: a host gate is created when missing; a named gate must have
    /// been declared. Returns false for a named gate that does not exist.
    /// </summary>
    public static async Task<bool> EnsureAsync(Session session, string? gate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (gate is null)
        {
            return true;
        }

        if (GateNames.IsHostGate(gate))
        {
            await session.ExecuteAsync(
                "INSERT INTO gates (name, kind, created_at, updated_at) VALUES (@name, 'host', @now, @now) ON CONFLICT (name) DO NOTHING;",
                cancellationToken,
                ("@name", gate), ("@now", now));
            return true;
        }

        return await session.ScalarAsync("SELECT 1 FROM gates WHERE name = @name AND kind = 'named';", cancellationToken, ("@name", gate)) is not null;
    }

    public static async Task<GateLimits?> DefaultsAsync(Session session, CancellationToken cancellationToken) =>
        (await session.QuerySingleAsync($"SELECT {Columns} FROM gates WHERE name = @name;", ReadRow, cancellationToken, ("@name", DefaultsName)))?.Limits;

    public static GateRow ReadRow(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(2)
            ? null
            : new GateLimits(reader.GetDouble(2), reader.GetInt32(3), reader.GetNullableInt32(4), reader.GetFlag(5), reader.GetDouble(6)),
        reader.GetFlag(7),
        reader.IsDBNull(8) ? null : new GateState(reader.GetDouble(8), reader.GetInstant(9), reader.GetDouble(10), reader.GetNullableInstant(11)));

    public static Task SaveStateAsync(Session session, string gate, GateState state, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            UPDATE gates SET tokens = @tokens, state_at = @stateAt, effective_rate = @rate, held_until = @held, updated_at = @now
            WHERE name = @name;
            """,
            cancellationToken,
            ("@name", gate), ("@tokens", state.Tokens), ("@stateAt", state.UpdatedAt), ("@rate", state.EffectiveRatePerSecond),
            ("@held", state.HeldUntil), ("@now", now));

    /// <summary>Creates or replaces a named gate's limits and pause; refuses a name a host gate has (they cannot be declared).</summary>
    public static async Task<GateWriteResult> UpsertAsync(Session session, GateUpsertRequest request, CancellationToken cancellationToken)
    {
        var gate = request.Gate;
        var limits = gate.Limits;
        var existed = await session.ScalarAsync("SELECT 1 FROM gates WHERE name = @name;", cancellationToken, ("@name", gate.Name)) is not null;
        await session.ExecuteAsync(
            """
            INSERT INTO gates (name, kind, rate_per_s, burst, concurrency, adaptive, floor_per_s, paused, alert_json, alert_backlog_above, created_at, updated_at)
            VALUES (@name, 'named', @rate, @burst, @concurrency, @adaptive, @floor, COALESCE(@paused, FALSE), @alert, @above, @now, @now)
            ON CONFLICT (name) DO UPDATE SET
                rate_per_s = excluded.rate_per_s, burst = excluded.burst, concurrency = excluded.concurrency,
                adaptive = excluded.adaptive, floor_per_s = excluded.floor_per_s,
                paused = CASE WHEN @paused IS NULL THEN gates.paused ELSE excluded.paused END,
                alert_json = excluded.alert_json, alert_backlog_above = excluded.alert_backlog_above,
                updated_at = excluded.updated_at;
            """,
            cancellationToken,
            ("@name", gate.Name), ("@rate", limits.RatePerSecond), ("@burst", limits.Burst), ("@concurrency", limits.Concurrency),
            ("@adaptive", limits.Adaptive), ("@floor", limits.FloorPerSecond), ("@paused", gate.Paused),
            ("@alert", gate.Alert is { } alert ? GateAlertWriter.ToJson(alert) : null), ("@above", gate.Alert?.BacklogAbove), ("@now", request.Now));
        return new GateWriteResult(existed ? GateWriteStatus.Updated : GateWriteStatus.Created, []);
    }

    public static async Task<GateWriteResult> DeleteAsync(Session session, string name, CancellationToken cancellationToken)
    {
        if (await session.ScalarAsync("SELECT 1 FROM gates WHERE name = @name AND kind = 'named';", cancellationToken, ("@name", name)) is null)
        {
            return GateWriteResult.NotFound;
        }

        var users = await session.QueryAsync(
            """
            SELECT name FROM jobs WHERE gate = @name
            UNION SELECT COALESCE(j.name, 'task run ' || r.id) FROM runs r LEFT JOIN jobs j ON j.id = r.job_id
                  WHERE r.gate = @name AND r.state IN ('pending', 'failed', 'running')
            ORDER BY 1 LIMIT 10;
            """,
            reader => reader.GetString(0),
            cancellationToken,
            ("@name", name));
        if (users.Count > 0)
        {
            return new GateWriteResult(GateWriteStatus.InUse, users);
        }

        await session.ExecuteAsync("DELETE FROM gates WHERE name = @name;", cancellationToken, ("@name", name));
        return new GateWriteResult(GateWriteStatus.Done, []);
    }

    /// <summary>Pausing a paused gate writes nothing; a resume starts the gate slow so its backlog ramps up.</summary>
    public static async Task<GateWriteResult> SetPausedAsync(Session session, GatePauseRequest request, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleAsync(
            $"SELECT {Columns} FROM gates WHERE name = @name AND kind <> 'defaults';", ReadRow, cancellationToken, ("@name", request.Name));
        if (row is null)
        {
            return GateWriteResult.NotFound;
        }

        if (row.Paused == request.Paused)
        {
            return new GateWriteResult(GateWriteStatus.Done, []);
        }

        await session.ExecuteAsync(
            "UPDATE gates SET paused = @paused, updated_at = @now WHERE name = @name;",
            cancellationToken,
            ("@name", request.Name), ("@paused", request.Paused), ("@now", request.Now));
        if (!request.Paused && (row.Limits ?? await DefaultsAsync(session, cancellationToken)) is { } limits)
        {
            await SaveStateAsync(session, request.Name, GateState.SlowStart(limits, request.Now), request.Now, cancellationToken);
        }

        return new GateWriteResult(GateWriteStatus.Done, []);
    }

    public static Task SetDefaultsAsync(Session session, GateLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO gates (name, kind, rate_per_s, burst, concurrency, adaptive, floor_per_s, created_at, updated_at)
            VALUES (@name, 'defaults', @rate, @burst, @concurrency, @adaptive, @floor, @now, @now)
            ON CONFLICT (name) DO UPDATE SET
                rate_per_s = excluded.rate_per_s, burst = excluded.burst, concurrency = excluded.concurrency,
                adaptive = excluded.adaptive, floor_per_s = excluded.floor_per_s, updated_at = excluded.updated_at;
            """,
            cancellationToken,
            ("@name", DefaultsName), ("@rate", limits.RatePerSecond), ("@burst", limits.Burst), ("@concurrency", limits.Concurrency),
            ("@adaptive", limits.Adaptive), ("@floor", limits.FloorPerSecond), ("@now", now));
}
