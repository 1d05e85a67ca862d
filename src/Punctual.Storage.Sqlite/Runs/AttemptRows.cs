using Microsoft.Data.Sqlite;
using Punctual.Core.Outcomes;
using Punctual.Storage.Runs;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Runs;

/// <summary>Attempt rows: opened when a claim starts an attempt, closed once with how it ended.</summary>
internal static class AttemptRows
{
    private const string Columns =
        "run_id, number, node, started_at, finished_at, outcome, status_code, error_class, error, response_excerpt";

    public static Task<List<AttemptRecord>> ListAsync(Session session, long runId, CancellationToken cancellationToken) =>
        session.QueryAsync(
            $"SELECT {Columns} FROM attempts WHERE run_id = @run ORDER BY number;",
            Read,
            cancellationToken,
            ("@run", runId));

    public static Task OpenAsync(Session session, long runId, int number, string node, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "INSERT INTO attempts (run_id, number, node, started_at) VALUES (@run, @number, @node, @started);",
            cancellationToken,
            ("@run", runId), ("@number", number), ("@node", node), ("@started", startedAt));

    /// <summary>
    /// Records how attempt <paramref name="number"/> ended, unless it was already closed (a cancel or a lease
    /// expiry got there first, and their account stands). With <paramref name="node"/>, only that node's attempt.
    /// </summary>
    public static Task CloseAsync(
        Session session,
        long runId,
        int number,
        string? node,
        DateTimeOffset finishedAt,
        AttemptResult result,
        CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            UPDATE attempts
            SET finished_at = @finished, outcome = @outcome, status_code = @status, error_class = @class,
                error = @error, response_excerpt = @excerpt
            WHERE run_id = @run AND number = @number AND finished_at IS NULL AND (@node IS NULL OR node = @node);
            """,
            cancellationToken,
            ("@run", runId),
            ("@number", number),
            ("@node", node),
            ("@finished", finishedAt),
            ("@outcome", OutcomeText(result.Outcome)),
            ("@status", result.StatusCode),
            ("@class", result.ErrorClass),
            ("@error", result.Error),
            ("@excerpt", result.ResponseExcerpt));

    public static string OutcomeText(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Succeeded => "succeeded",
        AttemptOutcome.Transient => "transient",
        AttemptOutcome.Permanent => "permanent",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    private static AttemptRecord Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetInt32(1),
        reader.GetString(2),
        reader.GetInstant(3),
        reader.GetNullableInstant(4),
        reader.GetNullableString(5),
        reader.GetNullableInt32(6),
        reader.GetNullableString(7),
        reader.GetNullableString(8),
        reader.GetNullableString(9));
}
