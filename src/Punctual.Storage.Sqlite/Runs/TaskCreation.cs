using Punctual.Core.Planning;
using Punctual.Storage.Runs;
using Punctual.Storage.Sqlite.Gates;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Runs;

/// <summary>
/// One-shot tasks (IRunStore.CreateTaskAsync): a run without a job, carrying its own spec. A key deduplicates
/// through the unique index on task_key, so even racing requests with one key end with one run.
/// </summary>
internal static class TaskCreation
{
    public static async Task<TaskCreateResult> CreateAsync(Session session, TaskCreateRequest request, CancellationToken cancellationToken)
    {
        if (request.Key is { } key && await FindByKeyAsync(session, key, cancellationToken) is { } existing)
        {
            return new TaskCreateResult(existing, Created: false);
        }

        if (!await GateRows.EnsureAsync(session, request.Gate, request.Now, cancellationToken))
        {
            throw new StoreException($"The gate '{request.Gate}' does not exist.");
        }

        // The idempotency key of a task without a key names the run's id, known only once the row exists.
        var inserted = await session.ScalarAsync(
            """
            INSERT INTO runs (job_id, origin, scheduled_for, due_at, state, idempotency_key, task_key, task_spec,
                              exclusive, created_at, updated_at, gate)
            VALUES (NULL, 'task', @due, @due, 'pending', '', @key, @spec, 0, @now, @now, @gate)
            ON CONFLICT (task_key) WHERE task_key IS NOT NULL DO NOTHING
            RETURNING id;
            """,
            cancellationToken,
            ("@due", request.DueAt), ("@key", request.Key), ("@spec", request.SpecJson), ("@now", request.Now), ("@gate", request.Gate));
        if (inserted is not long id)
        {
            var winner = await FindByKeyAsync(session, request.Key!, cancellationToken);
            return new TaskCreateResult(winner!, Created: false);
        }

        await session.ExecuteAsync(
            "UPDATE runs SET idempotency_key = @idempotencyKey WHERE id = @id;",
            cancellationToken,
            ("@id", id), ("@idempotencyKey", IdempotencyKeys.ForTask(request.Key, id)));
        var run = await RunRows.FindAsync(session, id, cancellationToken);
        return new TaskCreateResult(run!, Created: true);
    }

    private static Task<RunRecord?> FindByKeyAsync(Session session, string key, CancellationToken cancellationToken) =>
        session.QuerySingleAsync($"{RunRows.Select} WHERE r.task_key = @key;", RunRows.Read, cancellationToken, ("@key", key));
}
