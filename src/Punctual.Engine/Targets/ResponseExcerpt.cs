using System.Text;

namespace Punctual.Engine.Targets;

/// <summary>Reads at most a few KiB of a response body for history; never the whole body of a large response.</summary>
internal static class ResponseExcerpt
{
    public static async Task<string?> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (maxBytes <= 0)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[maxBytes];
        var total = 0;
        while (total < maxBytes)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total, maxBytes - total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        if (total == 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, total);
        return text.Replace('\0', '\uFFFD');
    }
}
