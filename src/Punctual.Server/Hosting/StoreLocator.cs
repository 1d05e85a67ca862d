using Punctual.Storage;
using Punctual.Storage.Postgres;
using Punctual.Storage.Sqlite;

namespace Punctual.Server.Hosting;

/// <summary>
/// Chooses and opens the store driver from <c>--store</c>: <c>sqlite:&lt;path&gt;</c> (the embedded default, one node)
/// or <c>postgresql://user:password@host:port/database[?schema=…]</c> (any number of nodes).
/// The only place that knows concrete drivers.
/// </summary>
public static class StoreLocator
{
    public static async Task<IPunctualStore> OpenAsync(string store, CancellationToken cancellationToken)
    {
        if (store.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            var path = store["sqlite:".Length..];
            if (path.Length == 0)
            {
                throw new ArgumentException("--store sqlite: needs a file path, e.g. sqlite:./punctual.db");
            }

            return await SqliteStore.OpenAsync(new SqliteStoreOptions { Path = Path.GetFullPath(path) }, cancellationToken).ConfigureAwait(false);
        }

        if (store.StartsWith("postgresql://", StringComparison.Ordinal) || store.StartsWith("postgres://", StringComparison.Ordinal))
        {
            return await PostgresStore.OpenAsync(PostgresStoreOptions.FromUrl(store), cancellationToken).ConfigureAwait(false);
        }

        throw new ArgumentException(
            $"'{Redact(store)}' is not a store; use sqlite:<path> (e.g. sqlite:./punctual.db) or postgresql://user:password@host:port/database");
    }

    /// <summary>A store string for messages: connection strings may carry passwords.</summary>
    public static string Redact(string store)
    {
        var at = store.IndexOf('@', StringComparison.Ordinal);
        var scheme = store.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme > 0 && at > scheme ? store[..(scheme + 3)] + "***" + store[at..] : store;
    }
}
