namespace Punctual.Cli.Invocation;

/// <summary>The process environment, behind an interface so tests run commands in-process with variables of their own.</summary>
internal interface IEnvironment
{
    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    string? GetVariable(string name);
}

/// <summary>The real environment of the process.</summary>
internal sealed class ProcessEnvironment : IEnvironment
{
    public static ProcessEnvironment Instance { get; } = new();

    private ProcessEnvironment()
    {
    }

    public string? GetVariable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
