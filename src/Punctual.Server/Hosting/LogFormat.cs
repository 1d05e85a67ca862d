namespace Punctual.Server.Hosting;

/// <summary>How the server writes its logs to stdout: one readable line per entry, or one JSON object per line.</summary>
public enum LogFormat
{
    Text,
    Json,
}

public static class LogFormats
{
    public static bool TryParse(string? text, out LogFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "text":
                format = LogFormat.Text;
                return true;
            case "json":
                format = LogFormat.Json;
                return true;
            default:
                format = LogFormat.Text;
                return false;
        }
    }
}
