namespace Punctual.Cli.Config;

/// <summary>A config text (YAML or JSON) that cannot become the JSON document; <see cref="Line"/> and <see cref="Column"/> are 1-based.</summary>
internal sealed class ConfigConversionException(long line, long column, string reason)
    : Exception($"line {line}, column {column}: {reason}")
{
    public long Line { get; } = line;

    public long Column { get; } = column;

    /// <summary>The message without its position.</summary>
    public string Reason { get; } = reason;
}
