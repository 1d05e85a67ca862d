using System.Net;

namespace Punctual.Client;

/// <summary>
/// The server answered, and refused: a 4xx/5xx status with its RFC 9457 problem (or a problem made up from the
/// status when the body was not one). The request changed nothing on the server.
/// </summary>
public sealed class PunctualApiException : Exception
{
    public PunctualApiException(HttpStatusCode statusCode, ApiProblem problem)
        : base(Describe(statusCode, problem))
    {
        StatusCode = statusCode;
        Problem = problem;
    }

    public HttpStatusCode StatusCode { get; }

    public ApiProblem Problem { get; }

    /// <summary>The field errors of a 422 answer; empty otherwise.</summary>
    public IReadOnlyList<ApiFieldError> Errors => Problem.Errors;

    private static string Describe(HttpStatusCode statusCode, ApiProblem problem)
    {
        var title = problem.Title ?? statusCode.ToString();
        return problem.Detail is { Length: > 0 } detail
            ? $"{(int)statusCode} {title}: {detail}"
            : $"{(int)statusCode} {title}";
    }
}
