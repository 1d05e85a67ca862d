namespace Punctual.Server.Hosting;

/// <summary>
/// The server's logs on stdout, UTC timestamps, scopes included: an attempt's entries carry its RunId, Job and
/// Attempt (as JSON properties, or in the text line's scope), so a run can be followed through the logs.
/// </summary>
internal static class ServerLogging
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";

    public static void Configure(ILoggingBuilder logging, ServerHostOptions options)
    {
        logging.ClearProviders();
        if (options.LogFormat == LogFormat.Json)
        {
            logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = TimestampFormat.TrimEnd();
                json.IncludeScopes = true;
            });
        }
        else
        {
            logging.AddSimpleConsole(text =>
            {
                text.UseUtcTimestamp = true;
                text.TimestampFormat = TimestampFormat;
                text.SingleLine = true;
                text.IncludeScopes = true;
            });
        }

        logging.SetMinimumLevel(options.LogLevel);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
    }
}
