using Punctual.Core.Definitions;
using Punctual.Core.Jobs;
using Punctual.Core.Targets;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Definitions;

/// <summary>Command targets: what is accepted, how it is written back, and a clear error for every bad input.</summary>
public sealed class CommandTargetReaderTests
{
    private static ReadResult<JobDefinition> ReadTarget(string target) =>
        JobDefinitionReader.Read(Json.Parse($$"""{ "name": "j", "target": {{target}} }"""), "", null);

    private static CommandTargetSpec Command(string target)
    {
        var result = ReadTarget(target);
        Assert.True(result.Ok, string.Join(" | ", result.Errors));
        return Assert.IsType<CommandTargetSpec>(result.Value!.Target);
    }

    [Fact]
    public void Read_AFullCommand_KeepsEveryPart()
    {
        var command = Command("""
            { "command": ["/usr/local/bin/backup", "--full", "${HOME}"], "workdir": "/srv/backups",
              "env": { "MODE": "full", "DB_PASSWORD": "${env:BACKUP_DB_PASSWORD}", "A": "1" },
              "permanent_exit_codes": [64, 2, 64] }
            """);

        Assert.Equal(["/usr/local/bin/backup", "--full", "${HOME}"], command.Argv);
        Assert.Equal([new("A", "1"), new("DB_PASSWORD", "${env:BACKUP_DB_PASSWORD}"), new("MODE", "full")], command.Env);
        Assert.Equal("/srv/backups", command.WorkDir);
        Assert.Equal([2, 64], command.PermanentExitCodes);
    }

    [Fact]
    public void Read_AMinimalCommand_HasNoEnvNoWorkDirNoPermanentCodes()
    {
        var command = Command("""{ "command": ["true"] }""");

        Assert.Equal(new CommandTargetSpec(["true"], [], null, []), command);
    }

    [Fact]
    public void ACommandJob_HasNoHostGate_ButKeepsANamedOne()
    {
        var ungated = JobDefinitionReader.Read(Json.Parse("""{ "name": "j", "target": { "command": ["true"] } }"""), "", null).Value!;
        var gated = JobDefinitionReader.Read(Json.Parse("""{ "name": "j", "gate": "nightly", "target": { "command": ["true"] } }"""), "", null).Value!;

        Assert.Null(ungated.GateName);
        Assert.Equal("nightly", gated.GateName);
    }

    [Fact]
    public void Write_ThenRead_GivesTheSameDefinition()
    {
        var job = JobDefinitionReader.Read(
            Json.Parse("""{ "name": "j", "target": { "command": ["sh", "-c", "echo hi"], "env": { "B": "2" }, "workdir": "/tmp", "permanent_exit_codes": [3] } }"""),
            "", null).Value!;

        var json = JobDefinitionWriter.ToJson(job);

        Assert.Contains(""""target":{"command":["sh","-c","echo hi"],"env":{"B":"2"},"workdir":"/tmp","permanent_exit_codes":[3]}"""", json, StringComparison.Ordinal);
        Assert.Equal(job, JobDefinitionWriter.FromJson(json));
        Assert.Equal(json, JobDefinitionWriter.ToJson(JobDefinitionWriter.FromJson(json)));
    }

    [Theory]
    [InlineData("""{ "command": [] }""", "target.command", "must not be empty")]
    [InlineData("""{ "command": "backup --full" }""", "target.command", "expected a list such as")]
    [InlineData("""{ "command": [""] }""", "target.command[0]", "the program must not be empty")]
    [InlineData("""{ "command": ["ls", 3] }""", "target.command[1]", "expected a string, got the number 3")]
    [InlineData("""{ "command": ["curl", "-H", "Bearer ${env:TOKEN}"] }""", "target.command[2]", "resolved only in 'env' values")]
    [InlineData("""{ "command": ["ls", "a\u0000b"] }""", "target.command[1]", "NUL character")]
    [InlineData("""{ "command": ["ls"], "url": "https://example.test/" }""", "target.command", "either an http call (url) or a command, not both")]
    [InlineData("""{ "command": ["ls"], "workdir": "reports" }""", "target.workdir", "'reports' is not an absolute path")]
    [InlineData("""{ "command": ["ls"], "workdir": "./reports" }""", "target.workdir", "is not an absolute path")]
    [InlineData("""{ "command": ["ls"], "workdir": 3 }""", "target.workdir", "expected a string")]
    [InlineData("""{ "command": ["ls"], "env": ["A=1"] }""", "target.env", "expected an object, got a list")]
    [InlineData("""{ "command": ["ls"], "env": { "1A": "x" } }""", "target.env.1A", "is not a valid environment variable name")]
    [InlineData("""{ "command": ["ls"], "env": { "A-B": "x" } }""", "target.env.A-B", "is not a valid environment variable name")]
    [InlineData("""{ "command": ["ls"], "env": { "A": 1 } }""", "target.env.A", "expected a string, got the number 1")]
    [InlineData("""{ "command": ["ls"], "env": { "PUNCTUAL_RUN_ID": "7" } }""", "target.env.PUNCTUAL_RUN_ID", "set by Punctual")]
    [InlineData("""{ "command": ["ls"], "env": { "API_TOKEN": "abc123" } }""", "target.env.API_TOKEN", "holds a credential in clear text")]
    [InlineData("""{ "command": ["ls"], "env": { "A": "${BAD}" } }""", "target.env.A", "is not a valid secret reference")]
    [InlineData("""{ "command": ["ls"], "permanent_exit_codes": [0] }""", "target.permanent_exit_codes[0]", "between 1 and 255")]
    [InlineData("""{ "command": ["ls"], "permanent_exit_codes": [256] }""", "target.permanent_exit_codes[0]", "between 1 and 255")]
    [InlineData("""{ "command": ["ls"], "method": "GET" }""", "target.method", "applies only to an http target")]
    [InlineData("""{ "command": ["ls"], "headers": { "A": "b" } }""", "target.headers", "applies only to an http target")]
    [InlineData("""{ "command": ["ls"], "cwd": "/tmp" }""", "target.cwd", "the field is called 'workdir'")]
    [InlineData("""{ "url": "https://example.test/", "env": { "A": "1" } }""", "target.env", "applies only to a command target")]
    public void Read_BadCommandTarget_NamesTheFieldAndTheReason(string target, string field, string reason) =>
        Json.AssertOnlyError(ReadTarget(target), field, reason);

    [Fact]
    public void Read_TooManyArguments_IsRejected() =>
        Json.AssertOnlyError(ReadTarget($$"""{ "command": [{{string.Join(",", Enumerable.Repeat("\"a\"", 300))}}] }"""), "target.command", "at most 256 items");

    [Fact]
    public void Read_ATaskWithACommand_ExplainsTasksCallUrls()
    {
        var result = TaskDefinitionReader.Read(Json.Parse("""{ "target": { "command": ["ls"] } }"""), Utc.At("2026-01-01T00:00:00Z"));

        Json.AssertOnlyError(result, "target.command", "a one-shot task calls a URL");
    }
}
