namespace Punctual.Bench.Stores;

/// <summary>The one place that knows which stores exist.</summary>
internal static class StoreBackends
{
    public static readonly IReadOnlyList<string> Names = ["sqlite", "postgres"];

    /// <param name="postgresScript">scripts/postgres.sh, which starts and stops the throwaway PostgreSQL server.</param>
    public static StoreBackend For(string name, string work, string postgresScript) => name switch
    {
        "sqlite" => new SqliteBackend(work),
        "postgres" => new PostgresBackend(work, postgresScript),
        _ => throw new ArgumentException($"--store must be one of {string.Join(", ", Names)}, got '{name}'"),
    };
}
