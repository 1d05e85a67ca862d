using System.Net;
using System.Net.Sockets;
using Punctual.Cli.Invocation;
using Punctual.Client;

namespace Punctual.Cli.Tests.Invocation;

public sealed class FailuresTests
{
    private static (int Code, string[] Lines) Report(Exception exception)
    {
        using var error = new StringWriter();
        var code = Failures.Report(exception, error);
        return (code, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray());
    }

    private static PunctualApiException Refusal(HttpStatusCode status, string? detail = null, params ApiFieldError[] errors) =>
        new(status, new ApiProblem { Title = status.ToString(), Status = (int)status, Detail = detail, Errors = errors });

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, 1)]
    [InlineData(HttpStatusCode.Conflict, 1)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, 1)]
    [InlineData(HttpStatusCode.UnprocessableEntity, 1)]
    [InlineData(HttpStatusCode.InternalServerError, 1)]
    [InlineData(HttpStatusCode.Unauthorized, 4)]
    [InlineData(HttpStatusCode.Forbidden, 4)]
    [InlineData(HttpStatusCode.NotFound, 5)]
    public void Refusals_MapToTheirExitCode(HttpStatusCode status, int code) =>
        Assert.Equal(code, Report(Refusal(status, "because")).Code);

    [Fact]
    public void UsageError_IsExitTwo()
    {
        var (code, lines) = Report(new UsageException("no API key"));

        Assert.Equal((2, "error: no API key"), (code, lines.Single()));
    }

    [Fact]
    public void Unreachable_IsExitThree_WithTheReason()
    {
        var (code, lines) = Report(new PunctualUnreachableException(new Uri("http://127.0.0.1:5080/"), "connection refused", false, new SocketException()));

        Assert.Equal(3, code);
        Assert.Equal("error: cannot reach Punctual at http://127.0.0.1:5080: connection refused", lines[0]);
    }

    [Fact]
    public void Timeout_IsExitThree() =>
        Assert.Equal(3, Report(new PunctualUnreachableException(new Uri("http://h/"), "no answer within 30s", true, null)).Code);

    [Fact]
    public void ValidationErrors_PrintOneLinePerField()
    {
        var (code, lines) = Report(Refusal(
            HttpStatusCode.UnprocessableEntity, "2 problems",
            new ApiFieldError("jobs.nightly.retry.attempts", "must be between 1 and 100, got 0"),
            new ApiFieldError("jobs.nightly.schedule", "'61 * * * *' is not a valid cron expression")));

        Assert.Equal(1, code);
        Assert.Equal(
            [
                "error: jobs.nightly.retry.attempts: must be between 1 and 100, got 0",
                "error: jobs.nightly.schedule: '61 * * * *' is not a valid cron expression",
                "error: nothing was changed (422 invalid input)",
            ],
            lines);
    }

    [Fact]
    public void Conflict_PrintsTheDetail() =>
        Assert.Equal(["error: job 'nightly' exists already (409 conflict)"], Report(Refusal(HttpStatusCode.Conflict, "job 'nightly' exists already")).Lines);

    [Fact]
    public void Unauthorized_HintsAtTheKey()
    {
        var lines = Report(Refusal(HttpStatusCode.Unauthorized, "no valid API key")).Lines;

        Assert.Equal("error: no valid API key (401 unauthorized)", lines[0]);
        Assert.Contains("PUNCTUAL_KEY", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void UnexpectedException_IsExitOne_AndNamesItsType() =>
        Assert.StartsWith("error: unexpected InvalidOperationException: boom", Report(new InvalidOperationException("boom")).Lines[0], StringComparison.Ordinal);
}
