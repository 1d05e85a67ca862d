namespace Punctual.Bench.Stores;

/// <summary>The one place that knows which stores exist.</summary>
internal static class StoreBackends
{
    public static readonly IReadOnlyList<string> Names = ["sqlite", "postgres"];

    public static StoreBackend For(string name, string work) => name switch
    {
        "sqlite" => new SqliteBackend(work),
        "postgres" => new PostgresBackend(),
        _ => throw new ArgumentException($"--store must be one of {string.Join(", ", Names)}, got '{name}'"),
    };
}
