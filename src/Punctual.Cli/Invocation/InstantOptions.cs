using Punctual.Core.Time;

namespace Punctual.Cli.Invocation;

/// <summary>Options that take an instant (<c>--from</c>, <c>--to</c>): parsed like the API parses them, a usage error otherwise.</summary>
internal static class InstantOptions
{
    public static DateTimeOffset Parse(string option, string? text) =>
        Instants.TryParse(text, out var value, out var error) ? value : throw new UsageException($"{option}: {error}");
}
