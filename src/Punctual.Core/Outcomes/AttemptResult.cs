namespace Punctual.Core.Outcomes;

/// <summary>How one attempt ended, as far as retry decisions are concerned.</summary>
public enum AttemptOutcome
{
    Succeeded,

    /// <summary>Worth retrying: 408, 425, 429, 5xx, timeouts, connection errors, a lost node.</summary>
    Transient,

    /// <summary>Retrying cannot help: other 4xx, a target that cannot be built (missing secret, bad URL).</summary>
    Permanent,
}

/// <summary>Machine-readable class of an attempt's error, shown in history and used by alerts.</summary>
public static class ErrorClasses
{
    public const string HttpStatus = "http_status";
    public const string Timeout = "timeout";
    public const string Connection = "connection";
    public const string NodeLost = "node_lost";
    public const string Configuration = "configuration";
    public const string Cancelled = "cancelled";
    public const string Internal = "internal";

    /// <summary>A command target exited with a code other than 0 (the code is in the error text).</summary>
    public const string ExitCode = "exit_code";
}

/// <summary>The result of one attempt: outcome plus the facts history keeps.</summary>
public sealed record AttemptResult(
    AttemptOutcome Outcome,
    int? StatusCode,
    string? ErrorClass,
    string? Error,
    TimeSpan? RetryAfter,
    string? ResponseExcerpt)
{
    public static AttemptResult Success(int? statusCode, string? excerpt) =>
        new(AttemptOutcome.Succeeded, statusCode, null, null, null, excerpt);

    public static AttemptResult Transient(string errorClass, string error, int? statusCode = null, TimeSpan? retryAfter = null, string? excerpt = null) =>
        new(AttemptOutcome.Transient, statusCode, errorClass, error, retryAfter, excerpt);

    public static AttemptResult Permanent(string errorClass, string error, int? statusCode = null, string? excerpt = null) =>
        new(AttemptOutcome.Permanent, statusCode, errorClass, error, null, excerpt);
}
