using System.Text;

namespace Punctual.Engine.Targets;

/// <summary>
/// The last <c>capacity</c> bytes a command wrote to stdout and stderr, interleaved in arrival order, for history.
/// Bounded whatever the command prints. Thread-safe: both streams append at once.
/// </summary>
internal sealed class OutputTail(int capacity)
{
    private readonly byte[] _buffer = new byte[Math.Max(capacity, 0)];
    private readonly Lock _lock = new();
    private long _written;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_buffer.Length == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (bytes.Length > _buffer.Length)
            {
                bytes = bytes[^_buffer.Length..];
            }

            foreach (var b in bytes)
            {
                _buffer[_written++ % _buffer.Length] = b;
            }
        }
    }

    /// <summary>Reads a stream to its end into the tail.</summary>
    public async Task DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        var chunk = new byte[4_096];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            Append(chunk.AsSpan(0, read));
        }
    }

    /// <summary>The tail as text (null when nothing was written); a character cut at the start is dropped.</summary>
    public string? Text()
    {
        byte[] bytes;
        lock (_lock)
        {
            if (_written == 0)
            {
                return null;
            }

            if (_written <= _buffer.Length)
            {
                bytes = _buffer[..(int)_written];
            }
            else
            {
                var start = (int)(_written % _buffer.Length);
                bytes = [.. _buffer[start..], .. _buffer[..start]];
            }
        }

        var skip = 0;
        if (_written > _buffer.Length)
        {
            // UTF-8 continuation bytes (10xxxxxx) at the cut belong to a character whose start was overwritten.
            while (skip < bytes.Length && skip < 3 && (bytes[skip] & 0xC0) == 0x80)
            {
                skip++;
            }
        }

        return Encoding.UTF8.GetString(bytes, skip, bytes.Length - skip).Replace('\0', '\uFFFD');
    }
}
