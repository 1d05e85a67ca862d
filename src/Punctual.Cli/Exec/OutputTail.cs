using System.Text;

namespace Punctual.Cli.Exec;

/// <summary>The last <see cref="Capacity"/> characters written to it (stdout and stderr interleaved as they came). Thread-safe.</summary>
internal sealed class OutputTail(int capacity)
{
    private readonly StringBuilder _text = new();

    public int Capacity { get; } = capacity;

    public void Append(string line)
    {
        lock (_text)
        {
            _text.Append(line).Append('\n');
            if (_text.Length > Capacity * 2)
            {
                _text.Remove(0, _text.Length - Capacity);
            }
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.Length <= Capacity ? _text.ToString() : _text.ToString(_text.Length - Capacity, Capacity);
        }
    }
}
