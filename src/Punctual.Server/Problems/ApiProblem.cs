using Punctual.Core.Definitions;

namespace Punctual.Server.Problems;

/// <summary>
/// RFC 9457 problem details as every API error is returned: a stable <c>type</c> per kind of problem, a title,
/// the HTTP status, a detail sentence, and for invalid input the list of <c>{ field, message }</c>.
/// </summary>
public static class ApiProblem
{
    private const string TypeBase = "https://punctual.dev/problems/";

    public static IResult Invalid(IReadOnlyList<FieldError> errors) => Write(
        StatusCodes.Status422UnprocessableEntity,
        "invalid-input",
        "The request is invalid",
        errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems: {string.Join("; ", errors.Take(5))}{(errors.Count > 5 ? "; …" : "")}",
        errors);

    public static IResult Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    public static IResult Malformed(string detail) =>
        Write(StatusCodes.Status400BadRequest, "malformed-request", "The request is malformed", detail);

    public static IResult NotFound(string detail) =>
        Write(StatusCodes.Status404NotFound, "not-found", "Not found", detail);

    public static IResult Conflict(string detail) =>
        Write(StatusCodes.Status409Conflict, "conflict", "Conflict", detail);

    public static IResult TooLarge(int limitBytes) =>
        Write(StatusCodes.Status413PayloadTooLarge, "too-large", "The request body is too large", $"the body is larger than {limitBytes / 1024} KiB");

    public static IResult Unauthorized(string detail) =>
        Write(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", detail);

    public static IResult Forbidden(string detail) =>
        Write(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", detail);

    public static IResult Unavailable(string detail) =>
        Write(StatusCodes.Status503ServiceUnavailable, "unavailable", "Service unavailable", detail);

    public static IResult Internal() =>
        Write(StatusCodes.Status500InternalServerError, "internal", "Internal error", "an unexpected error occurred; the server log has the details");

    private static IResult Write(int status, string type, string title, string detail, IReadOnlyList<FieldError>? errors = null)
    {
        var body = new ProblemBody(
            TypeBase + type,
            title,
            status,
            detail,
            errors?.Select(e => new ProblemFieldError(e.Field, e.Message)).ToList());
        return Results.Json(body, Json.ApiJson.Options, "application/problem+json", status);
    }
}

public sealed record ProblemBody(string Type, string Title, int Status, string Detail, IReadOnlyList<ProblemFieldError>? Errors);

public sealed record ProblemFieldError(string Field, string Message);
