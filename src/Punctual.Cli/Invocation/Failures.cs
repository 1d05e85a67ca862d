using System.Net;
using Punctual.Client;

namespace Punctual.Cli.Invocation;

/// <summary>
/// Turns an expected failure into <c>error: …</c> lines on stderr and its exit code (see <see cref="ExitCodes"/>).
/// Only an unexpected exception (a bug) is printed with its stack trace.
/// </summary>
internal static class Failures
{
    public static int Report(Exception exception, TextWriter error)
    {
        switch (exception)
        {
            case UsageException usage:
                error.WriteLine($"error: {usage.Message}");
                return ExitCodes.Usage;
            case PunctualUnreachableException unreachable:
                error.WriteLine($"error: {unreachable.Message}");
                error.WriteLine(unreachable.TimedOut
                    ? "hint: the server may be overloaded; a longer --timeout may help"
                    : $"hint: is the server running? Set the address with --url or {EnvironmentVariables.Url}");
                return ExitCodes.Unreachable;
            case PunctualApiException refused:
                return ReportRefusal(refused, error);
            default:
                error.WriteLine($"error: unexpected {exception.GetType().Name}: {exception.Message}");
                error.WriteLine(exception.StackTrace);
                return ExitCodes.Refused;
        }
    }

    private static int ReportRefusal(PunctualApiException refused, TextWriter error)
    {
        var problem = refused.Problem;
        var status = $"{(int)refused.StatusCode} {Describe(refused.StatusCode)}";
        foreach (var field in problem.Errors)
        {
            error.WriteLine(field.Field.Length > 0 ? $"error: {field.Field}: {field.Message}" : $"error: {field.Message}");
        }

        var summary = problem.Errors.Count > 0
            ? "nothing was changed"
            : problem.Detail is { Length: > 0 } detail ? detail : problem.Title ?? "the server refused the request";
        error.WriteLine($"error: {summary} ({status})");
        switch (refused.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                error.WriteLine($"hint: check the API key (--key or {EnvironmentVariables.Key})");
                return ExitCodes.Unauthorized;
            case HttpStatusCode.Forbidden:
                error.WriteLine("hint: the API key's scope is too narrow (read < write < admin); an admin can mint another with 'punctual keys create'");
                return ExitCodes.Unauthorized;
            case HttpStatusCode.NotFound:
                return ExitCodes.NotFound;
            default:
                return ExitCodes.Refused;
        }
    }

    private static string Describe(HttpStatusCode status) => (int)status switch
    {
        400 => "malformed request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not found",
        409 => "conflict",
        413 => "too large",
        422 => "invalid input",
        >= 500 => "server error",
        _ => status.ToString(),
    };
}
