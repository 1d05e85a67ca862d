namespace Punctual.Storage.Sqlite;

/// <summary>Options of the embedded SQLite store, validated when the store opens.</summary>
public sealed class SqliteStoreOptions
{
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultWriterLockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The database file. Its directory is created when missing; <c>&lt;Path&gt;.lock</c> beside it marks the owning process. Required.</summary>
    public required string Path { get; init; }

    /// <summary>Longest any one SQL command may run, waiting for the file included (busy timeout). Default: 30 seconds.</summary>
    public TimeSpan CommandTimeout { get; init; } = DefaultCommandTimeout;

    /// <summary>Longest a write waits for the store's single writer connection before failing. Default: 30 seconds.</summary>
    public TimeSpan WriterLockTimeout { get; init; } = DefaultWriterLockTimeout;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ArgumentException("The SQLite store needs a file path.", nameof(Path));
        }

        if (CommandTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(CommandTimeout), CommandTimeout, "The command timeout must be at least one second.");
        }

        if (WriterLockTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(WriterLockTimeout), WriterLockTimeout, "The writer lock timeout must be positive.");
        }
    }
}
