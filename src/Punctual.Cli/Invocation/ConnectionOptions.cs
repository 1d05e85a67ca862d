using System.CommandLine;
using Punctual.Client;
using Punctual.Core.Time;

namespace Punctual.Cli.Invocation;

/// <summary>
/// --url, --key and --timeout of the client commands. Recursive, so <c>punctual jobs show x --key K</c> and
/// <c>punctual jobs --key K show x</c> both work. The environment is read only when a command runs, so --help
/// never prints a key.
/// </summary>
internal sealed class ConnectionOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    private readonly Option<string?> _url = new("--url")
    {
        Description = $"The Punctual server [env: {EnvironmentVariables.Url}; default: {DefaultUrl}]",
        HelpName = "URL",
        Recursive = true,
    };

    private readonly Option<string?> _key = new("--key")
    {
        Description = $"API key (a bearer token) [env: {EnvironmentVariables.Key}]",
        HelpName = "KEY",
        Recursive = true,
    };

    private readonly Option<string?> _timeout = new("--timeout")
    {
        Description = "Longest wait for the server's answer, e.g. 10s or 2m [default: 30s]",
        HelpName = "DURATION",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_url);
        command.Options.Add(_key);
        command.Options.Add(_timeout);
    }

    /// <summary>A client for the chosen server; a missing key or malformed URL is a usage error, found before any request.</summary>
    public PunctualClient Connect(ParseResult parse, CliContext context)
    {
        var urlText = parse.GetValue(_url) ?? context.Environment.GetVariable(EnvironmentVariables.Url) ?? DefaultUrl;
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"'{urlText}' is not an http(s) URL; pass e.g. --url {DefaultUrl}");
        }

        var key = parse.GetValue(_key) ?? context.Environment.GetVariable(EnvironmentVariables.Key);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new UsageException($"no API key: pass --key KEY or set {EnvironmentVariables.Key}");
        }

        var options = new PunctualClientOptions { TimeProvider = context.Time };
        if (parse.GetValue(_timeout) is { } timeoutText)
        {
            if (!Durations.TryParse(timeoutText, out var timeout, out var error) || timeout <= TimeSpan.Zero)
            {
                throw new UsageException($"--timeout: {(error.Length > 0 ? error : "must be longer than zero")}");
            }

            options = options with { RequestTimeout = timeout };
        }

        return new PunctualClient(url, key.Trim(), options);
    }
}
