namespace Punctual.Storage.Sqlite.Connections;

/// <summary>
/// Makes the store single-node: an exclusive OS lock on <c>&lt;database&gt;.lock</c>, held while the store is open.
/// The OS drops it when the process ends, however it ends (kill -9 included), so a restart never waits for it;
/// and because only one process can hold it, every lease found at start-up belongs to a dead process.
/// </summary>
internal sealed class StoreFileLock : IDisposable
{
    private readonly FileStream _stream;

    private StoreFileLock(FileStream stream) => _stream = stream;

    public static StoreFileLock Acquire(string databasePath)
    {
        var lockPath = databasePath + ".lock";
        try
        {
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
            return new StoreFileLock(stream);
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            throw new StoreLockedException(
                $"The SQLite store '{databasePath}' is locked: another punctual process is using '{lockPath}'. "
                + "Stop that process, or use a PostgreSQL store to run several nodes.");
        }
    }

    public void Dispose() => _stream.Dispose();
}
