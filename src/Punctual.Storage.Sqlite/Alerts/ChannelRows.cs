using Punctual.Storage.Alerts;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Alerts;

/// <summary>Channel writes, shared by the alert store and <c>apply</c> (which runs them inside its own transaction).</summary>
internal static class ChannelRows
{
    public static async Task<ChannelWriteStatus> UpsertAsync(Session session, ChannelUpsertRequest request, CancellationToken cancellationToken)
    {
        var current = await session.ScalarAsync("SELECT spec_json FROM channels WHERE name = @name;", cancellationToken, ("@name", request.Name));
        if (current is string spec && spec == request.SpecJson)
        {
            return ChannelWriteStatus.Unchanged;
        }

        await session.ExecuteAsync(
            """
            INSERT INTO channels (name, spec_json, created_at, updated_at) VALUES (@name, @spec, @now, @now)
            ON CONFLICT (name) DO UPDATE SET spec_json = excluded.spec_json, updated_at = excluded.updated_at;
            """,
            cancellationToken,
            ("@name", request.Name), ("@spec", request.SpecJson), ("@now", request.Now));
        return current is null ? ChannelWriteStatus.Created : ChannelWriteStatus.Updated;
    }

    public static async Task<ChannelWriteStatus> DeleteAsync(Session session, string name, CancellationToken cancellationToken) =>
        await session.ExecuteAsync("DELETE FROM channels WHERE name = @name;", cancellationToken, ("@name", name)) > 0
            ? ChannelWriteStatus.Deleted
            : ChannelWriteStatus.NotFound;
}
