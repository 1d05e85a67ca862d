namespace Punctual.Storage;

/// <summary>An infrastructure failure of the store, wrapped once with what was being done.</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The store is locked by another process (single-node drivers).</summary>
public sealed class StoreLockedException(string message) : Exception(message);
