namespace Punctual.Cli.Invocation;

/// <summary>The environment variables the CLI reads; an option given on the command line wins over its variable.</summary>
internal static class EnvironmentVariables
{
    public const string Url = "PUNCTUAL_URL";
    public const string Key = "PUNCTUAL_KEY";
    public const string Listen = "PUNCTUAL_LISTEN";
    public const string Store = "PUNCTUAL_STORE";
    public const string AdminKey = "PUNCTUAL_ADMIN_KEY";
    public const string AllowCommands = "PUNCTUAL_ALLOW_COMMANDS";
    public const string LogFormat = "PUNCTUAL_LOG_FORMAT";
}
