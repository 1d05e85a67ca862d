using Punctual.Core.Targets;

namespace Punctual.Engine.Channels;

/// <summary>Resolves a channel's <c>${env:NAME}</c> references at send time; the error names the variable, never a value.</summary>
internal static class ChannelSecrets
{
    public static bool TryResolve(string text, Func<string, string?> secrets, out string resolved, out string? error)
    {
        if (SecretTemplate.TryResolve(text, secrets, out resolved, out var missing))
        {
            error = null;
            return true;
        }

        error = $"environment variable '{missing}' is not set on this node";
        return false;
    }
}
