using Npgsql;
using Punctual.Core.Outcomes;
using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Runs;

/// <summary>Attempt rows: opened when a claim starts an attempt, closed once with how it ended.</summary>
internal static class AttemptRows
{
    public const string Select =
        "SELECT run_id, number, node, started_at, finished_at, outcome, status_code, error_class, error, response_excerpt FROM attempts";

    public static AttemptRecord Read(NpgsqlDataReader reader) => new(
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

    public static string OutcomeText(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Succeeded => "succeeded",
        AttemptOutcome.Transient => "transient",
        AttemptOutcome.Permanent => "permanent",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
