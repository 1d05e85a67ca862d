using Punctual.Cli.Invocation;

namespace Punctual.Cli.Tests.Support;

/// <summary>Environment variables of one test, never the process's.</summary>
internal sealed class TestEnvironment(IReadOnlyDictionary<string, string>? variables = null) : IEnvironment
{
    public static TestEnvironment Empty { get; } = new();

    public string? GetVariable(string name) =>
        variables is not null && variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
