using Punctual.Core.Gates;
using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Postgres.Gates;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Runs;

/// <summary>
/// One-shot tasks (IRunStore.CreateTaskAsync): a run without a job, carrying its own spec, created by ONE statement
/// in autocommit. A key deduplicates through the unique index on task_key with ON CONFLICT DO NOTHING, so racing
/// requests with one key — on any nodes — end with one run; the losers then read the winner (a new statement, so a
/// snapshot that includes it). The idempotency key follows IdempotencyKeys.ForTask: <c>task/&lt;key&gt;</c>, or
/// <c>task/&lt;run id&gt;</c> — the id is drawn from the table's sequence inside the statement, so no second write.
/// </summary>
internal static class TaskCreation
{
    // A host gate is created by the same statement when missing (the foreign key is checked at its end, so the run
    // may name the gate row the statement creates).
    private const string Insert = $"""
        WITH host_gate AS (
            INSERT INTO gates (name, kind, created_at, updated_at)
            SELECT @gate, 'host', @now, @now WHERE @gate::text LIKE 'host:%'
            ON CONFLICT (name) DO NOTHING
        ),
        inserted AS (
            INSERT INTO runs (id, job_id, origin, scheduled_for, due_at, state, idempotency_key, task_key, task_spec,
                              exclusive, created_at, updated_at, gate)
            SELECT n.id, NULL, 'task', @due, @due, 'pending', 'task/' || COALESCE(@key::text, n.id::text), @key::text, @spec,
                   false, @now, @now, @gate
            FROM (SELECT nextval(pg_get_serial_sequence('runs', 'id')) AS id) n
            ON CONFLICT (task_key) WHERE task_key IS NOT NULL DO NOTHING
            RETURNING *
        )
        SELECT {RunRows.Columns} FROM inserted r LEFT JOIN jobs j ON j.id = r.job_id;
        """;

    public static async Task<TaskCreateResult> CreateAsync(Session session, TaskCreateRequest request, CancellationToken cancellationToken)
    {
        // A named gate must exist (a deletion racing this insert leaves the run ungated, never unclaimable: runs.gate is
        // ON DELETE SET NULL). A host gate is created by the insert itself, so the hot path stays one statement.
        if (request.Gate is { } named && !GateNames.IsHostGate(named) && !await GateRows.EnsureAsync(session, named, request.Now, cancellationToken))
        {
            throw new StoreException($"The gate '{request.Gate}' does not exist.");
        }

        // Two rounds at most: the winner of a key could be pruned between the conflict and the read.
        for (var round = 1; ; round++)
        {
            var created = await session.QuerySingleAsync(
                Insert,
                RunRows.Read,
                cancellationToken,
                ("due", request.DueAt), ("key", request.Key), ("spec", request.SpecJson), ("now", request.Now), ("gate", request.Gate));
            if (created is not null)
            {
                return new TaskCreateResult(created, Created: true);
            }

            var winner = await session.QuerySingleAsync($"{RunRows.Select} WHERE r.task_key = @key;", RunRows.Read, cancellationToken, ("key", request.Key));
            if (winner is not null || round == 2)
            {
                return new TaskCreateResult(winner ?? throw new InvalidOperationException($"Task '{request.Key}' conflicted, but its run is gone."), Created: false);
            }
        }
    }
}
