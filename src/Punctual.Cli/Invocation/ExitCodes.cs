namespace Punctual.Cli.Invocation;

/// <summary>
/// The exit codes scripts can rely on; the root command's --help lists them too (keep both in step).
/// 0 ok; 1 the server refused the request (validation 422, conflict 409, any other problem); 2 usage error (bad
/// arguments, unreadable or invalid config file); 3 server unreachable or timed out; 4 unauthorized or forbidden
/// (401/403); 5 not found (404).
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int Usage = 2;
    public const int Unreachable = 3;
    public const int Unauthorized = 4;
    public const int NotFound = 5;

    /// <summary>The exit-code section of the root command's help.</summary>
    public const string HelpText =
        """
        Exit codes:
          0  success
          1  the server refused the request (invalid input, conflict, any other problem)
          2  usage error (bad arguments, unreadable or invalid config file)
          3  the server is unreachable or did not answer in time
          4  unauthorized or forbidden (check the API key and its scope)
          5  not found
        """;
}
