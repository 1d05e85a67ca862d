using Microsoft.Data.Sqlite;

namespace Punctual.Storage.Sqlite.Connections;

/// <summary>
/// The writer connection's commands, kept by SQL text so each statement is compiled once, not at every execution:
/// a command that is executed again keeps its prepared statements and only rebinds its parameters. Compiling was
/// half of SQLite's CPU in a burst of claims and completions (docs/performance.md). Bounded, least recently used
/// first out, since some statements are built per call (IN lists of varying length). Used by one transaction at a
/// time: the writer's lock serialises every caller.
/// </summary>
internal sealed class StatementCache(SqliteConnection connection, int capacity = StatementCache.DefaultCapacity) : IDisposable
{
    public const int DefaultCapacity = 128;

    private readonly Dictionary<string, LinkedListNode<SqliteCommand>> _bySql = new(StringComparer.Ordinal);
    private readonly LinkedList<SqliteCommand> _recent = new();

    public int Count => _bySql.Count;

    public SqliteCommand Get(string sql)
    {
        if (_bySql.TryGetValue(sql, out var node))
        {
            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value;
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        _bySql[sql] = _recent.AddFirst(command);
        if (_bySql.Count > capacity)
        {
            Forget(_recent.Last!.Value);
        }

        return command;
    }

    /// <summary>Drops a command (after it failed, so no half-run statement is reused).</summary>
    public void Forget(SqliteCommand command)
    {
        if (_bySql.Remove(command.CommandText, out var node))
        {
            _recent.Remove(node);
        }

        command.Dispose();
    }

    public void Dispose()
    {
        foreach (var command in _recent)
        {
            command.Dispose();
        }

        _recent.Clear();
        _bySql.Clear();
    }
}
