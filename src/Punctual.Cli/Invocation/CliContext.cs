namespace Punctual.Cli.Invocation;

/// <summary>What a command may touch of the outside world: its two output streams, the environment and the clock.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, IEnvironment Environment, TimeProvider Time);
