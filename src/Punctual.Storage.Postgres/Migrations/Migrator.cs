using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Punctual.Storage.Postgres.Connections;

namespace Punctual.Storage.Postgres.Migrations;

/// <summary>
/// Applies the numbered SQL files embedded beside this type (<c>0001_initial.sql</c>, …), forward only, each in its
/// own transaction together with its row in <c>schema_migrations</c>. Every such transaction first takes a
/// transaction-scoped advisory lock named after the schema, so nodes starting at once apply migrations one after
/// another: the second finds the first's row and skips. The lock ends with the transaction, so a node that dies
/// mid-migration releases it (and its half-done migration is rolled back).
/// </summary>
internal static partial class Migrator
{
    // One lock per schema: deployments in different schemas of one database never wait for each other.
    private const string Lock = "SELECT pg_advisory_xact_lock(hashtextextended('punctual.migrate.' || @schema, 0));";

    private const string SchemaExists = "SELECT to_regnamespace(@schema) IS NOT NULL;";

    private const string CreateLedger = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     integer     PRIMARY KEY,
            name        text        NOT NULL,
            applied_at  timestamptz NOT NULL
        );
        """;

    private const string IsApplied = "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = @version);";

    // applied_at is a record for operators, not a decision input, so the database's clock is good enough here.
    private const string Record = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, now());";

    public static async Task MigrateAsync(Database database, string schema, CancellationToken cancellationToken)
    {
        foreach (var migration in Embedded())
        {
            await database.TransactionAsync($"applying migration {migration.Version:0000} ({migration.Name})", async session =>
            {
                await session.ExecuteAsync(Lock, cancellationToken, ("schema", schema));

                // Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege on the database even when
                // the schema exists, which a deployment with a prepared schema may not grant.
                if (await session.ScalarAsync(SchemaExists, cancellationToken, ("schema", schema)) is not true)
                {
                    await session.ExecuteAsync($"CREATE SCHEMA {schema};", cancellationToken);
                }

                await session.ExecuteAsync(CreateLedger, cancellationToken);
                if (await session.ScalarAsync(IsApplied, cancellationToken, ("version", migration.Version)) is true)
                {
                    return false;
                }

                await session.ExecuteAsync(migration.Sql, cancellationToken);
                await session.ExecuteAsync(Record, cancellationToken, ("version", migration.Version), ("name", migration.Name));
                return true;
            }, cancellationToken);
        }
    }

    /// <summary>The embedded migrations in version order.</summary>
    public static IReadOnlyList<Migration> Embedded()
    {
        var assembly = typeof(Migrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = FileName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                Read(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Embedded migrations must be numbered 1, 2, 3… without gaps; found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' cannot be read.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\.Migrations\.(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}

internal sealed record Migration(int Version, string Name, string Sql);
