using System.Text.RegularExpressions;
using Punctual.Storage.Postgres.Connections;

namespace Punctual.Storage.Postgres;

/// <summary>Options of the PostgreSQL store, validated when the store opens.</summary>
public sealed partial class PostgresStoreOptions
{
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Punctual's tables live in their own schema by default, so they never clash with another application's
    /// (a <c>jobs</c> or <c>schema_migrations</c> table is common).
    /// </summary>
    public const string DefaultSchema = "punctual";

    /// <summary>
    /// An Npgsql connection string (<c>Host=…;Port=…;Username=…;Password=…;Database=…</c>); see <see cref="FromUrl"/>
    /// for URLs. The store adds its own connect timeout (10 s), TCP keepalive, command timeout and search path. Required.
    /// </summary>
    public required string ConnectionString { get; init; }

    /// <summary>Longest any one SQL command may run, lock waits included. Default: 30 seconds.</summary>
    public TimeSpan CommandTimeout { get; init; } = DefaultCommandTimeout;

    /// <summary>
    /// The schema holding Punctual's tables (created by the migrations when missing), so several deployments can
    /// share one database; wake-up hints are scoped to it too. Lower-case letters, digits and underscores, starting
    /// with a letter or underscore, at most 63 characters. Default: <c>punctual</c>.
    /// </summary>
    public string Schema { get; init; } = DefaultSchema;

    /// <summary>
    /// Times the pauses between a listener's reconnect attempts; never used for decisions (those take their instants
    /// from the requests). Default: <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Options from a URL: <c>postgresql://user:password@host:port/database?schema=…&amp;sslmode=…</c> (or
    /// <c>postgres://</c>). User and password are URL-decoded; the port defaults to 5432. Query parameters:
    /// <c>schema</c>, <c>sslmode</c> (disable, allow, prefer, require, verify-ca, verify-full) and
    /// <c>application_name</c>. Throws <see cref="ArgumentException"/> for a malformed URL or an unknown parameter;
    /// the message never contains the password.
    /// </summary>
    public static PostgresStoreOptions FromUrl(string url) => ConnectionUrl.Parse(url);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("The PostgreSQL store needs a connection string.", nameof(ConnectionString));
        }

        if (CommandTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(CommandTimeout), CommandTimeout, "The command timeout must be at least one second.");
        }

        if (!IsValidSchema(Schema))
        {
            throw new ArgumentException(
                $"The schema name '{Schema}' is not valid: use lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters.",
                nameof(Schema));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }

    internal static bool IsValidSchema(string? schema) => schema is not null && SchemaName().IsMatch(schema);

    // Plain identifiers only: the name is spliced into search_path and NOTIFY channel names, never quoted.
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
