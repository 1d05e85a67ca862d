using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Migrations;

/// <summary>
/// Applies the numbered SQL files embedded beside this type (<c>0001_initial.sql</c>, …), forward only, each in
/// its own write transaction together with its row in <c>schema_migrations</c>, so a crash leaves either all of a
/// migration or none of it, and running again applies only what is missing.
/// </summary>
internal static partial class Migrator
{
    private const string CreateLedger = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     INTEGER PRIMARY KEY,
            name        TEXT    NOT NULL,
            applied_at  INTEGER NOT NULL
        );
        """;

    // applied_at is a record for operators, not a decision input, so the database's clock is good enough here.
    private const string Record = """
        INSERT INTO schema_migrations (version, name, applied_at)
        VALUES (@version, @name, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
        """;

    public static async Task MigrateAsync(Database database, CancellationToken cancellationToken)
    {
        await database.WriteAsync("creating the migration ledger", async session =>
        {
            await session.ExecuteAsync(CreateLedger, cancellationToken);
            return true;
        }, cancellationToken);

        foreach (var migration in Embedded())
        {
            await database.WriteAsync($"applying migration {migration.Version:0000} ({migration.Name})", async session =>
            {
                var applied = await session.ScalarAsync(
                    "SELECT 1 FROM schema_migrations WHERE version = @version;",
                    cancellationToken,
                    ("@version", migration.Version));
                if (applied is not null)
                {
                    return false;
                }

                await session.ExecuteAsync(migration.Sql, cancellationToken);
                await session.ExecuteAsync(Record, cancellationToken, ("@version", migration.Version), ("@name", migration.Name));
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
