namespace Punctual.Cli.Invocation;

/// <summary>The user asked for something that cannot be done as written (exit code 2); the message says what and how to fix it.</summary>
internal sealed class UsageException(string message) : Exception(message);
