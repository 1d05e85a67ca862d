using System.Text.Json;
using Punctual.Cli.Config;
using Punctual.Cli.Invocation;

namespace Punctual.Cli.Tests.Config;

public sealed class ConfigFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("punctual-cli-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void YamlFile_BecomesTheApplyDocument()
    {
        var document = ConfigFile.Load(Write("punctual.yaml", "jobs:\n  nightly:\n    schedule: \"0 2 * * *\"\n    retry: { attempts: 5 }\n"));
        Assert.Equal("0 2 * * *", document.GetProperty("jobs").GetProperty("nightly").GetProperty("schedule").GetString());
        Assert.Equal(JsonValueKind.Number, document.GetProperty("jobs").GetProperty("nightly").GetProperty("retry").GetProperty("attempts").ValueKind);
    }

    [Fact]
    public void JsonFile_IsReadAsJson()
    {
        var document = ConfigFile.Load(Write("punctual.json", """{ "jobs": { "a": { "timeout": "30s", "attempts": 5 } } } // trailing comment"""));
        Assert.Equal(5, document.GetProperty("jobs").GetProperty("a").GetProperty("attempts").GetInt32());
    }

    [Fact]
    public void JsonDuplicateKey_NamesItsLineAndColumn()
    {
        var error = Assert.Throws<UsageException>(() => ConfigFile.Load(Write("dup.json", "{\n  \"jobs\": {\n    \"a\": {},\n    \"a\": {}\n  }\n}")));
        Assert.EndsWith("dup.json: line 4, column 5: duplicate key 'a' (first defined on line 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonSyntaxError_NamesItsLine()
    {
        var error = Assert.Throws<UsageException>(() => ConfigFile.Load(Write("bad.json", "{\n  \"jobs\": {,}\n}")));
        Assert.Contains("bad.json: line 2, column ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void YamlSyntaxError_NamesFileLineAndColumn()
    {
        var error = Assert.Throws<UsageException>(() => ConfigFile.Load(Write("bad.yaml", "jobs:\n  a:\n    x: 1\n   y: 2\n")));
        Assert.Matches(@"bad\.yaml: line 4, column \d+: ", error.Message);
    }

    [Fact]
    public void MissingFile_IsAUsageError() =>
        Assert.Equal(
            $"cannot read {Path.Combine(_directory, "nope.yaml")}: no such file",
            Assert.Throws<UsageException>(() => ConfigFile.Load(Path.Combine(_directory, "nope.yaml"))).Message);

    [Theory]
    [InlineData("- a\n- b\n")]
    [InlineData("just text\n")]
    [InlineData("---\n")]
    public void TopLevelThatIsNotAMapping_IsRefused(string text) =>
        Assert.Contains("top level must be a mapping", Assert.Throws<UsageException>(() => ConfigFile.Parse(text, "f.yaml", isJson: false)).Message, StringComparison.Ordinal);
}
