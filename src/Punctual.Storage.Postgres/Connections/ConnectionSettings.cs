using Npgsql;

namespace Punctual.Storage.Postgres.Connections;

/// <summary>
/// The settings every connection of the store gets, on top of the user's connection string. None of them costs a
/// SQL statement: the search path travels in the start-up message, keepalives are protocol-level, and pooled
/// connections are not reset when returned (the store keeps no session state on them), so an idle node issues
/// nothing but its own reads.
/// </summary>
internal static class ConnectionSettings
{
    public const int ConnectTimeoutSeconds = 10;

    private const int KeepAliveSeconds = 30;
    private const int ListenerKeepAliveSeconds = 10;

    /// <summary>The command timeout in whole seconds, as Npgsql takes it.</summary>
    public static int CommandTimeoutSeconds(PostgresStoreOptions options) => (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);

    /// <summary>The pooled connections that every store operation borrows.</summary>
    public static string Pooled(PostgresStoreOptions options)
    {
        var builder = Parse(options);
        builder.Pooling = true;

        // Hot statements are prepared once per connection rather than parsed and planned at every call. Every query
        // names its columns, so a later migration that adds one never breaks a prepared statement.
        builder.MaxAutoPrepare = 64;
        builder.AutoPrepareMinUsages = 2;
        builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>
    /// The dedicated connections of listeners: unpooled (LISTEN is session state that must not leak into the pool),
    /// with a shorter keepalive so a silently dead connection is noticed and replaced within seconds.
    /// </summary>
    public static string Listener(PostgresStoreOptions options)
    {
        var builder = Parse(options);
        builder.Pooling = false;
        builder.KeepAlive = ListenerKeepAliveSeconds;
        builder.ApplicationName = $"{builder.ApplicationName} listener";
        return builder.ConnectionString;
    }

    private static NpgsqlConnectionStringBuilder Parse(PostgresStoreOptions options)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // Not wrapped: the inner message could quote a value, and the value could be the password.
            throw new ArgumentException("The PostgreSQL connection string is not valid.", nameof(options));
        }

        builder.Timeout = ConnectTimeoutSeconds;
        builder.CommandTimeout = CommandTimeoutSeconds(options);
        builder.SearchPath = options.Schema;
        builder.KeepAlive = KeepAliveSeconds;
        builder.TcpKeepAlive = true;
        builder.Enlist = false;
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "punctual";
        }

        return builder;
    }
}
