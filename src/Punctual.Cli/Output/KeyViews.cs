using Punctual.Client;

namespace Punctual.Cli.Output;

/// <summary>API keys for people: never a secret, except the one line right after creation.</summary>
internal static class KeyViews
{
    public static void WriteTable(TextWriter output, IReadOnlyList<ApiKey> keys)
    {
        if (keys.Count == 0)
        {
            output.WriteLine("No keys.");
            return;
        }

        var table = new TextTable("ID", "NAME", "PREFIX", "SCOPE", "CREATED", "REVOKED");
        foreach (var key in keys)
        {
            table.Add(
                Display.Number(key.Id), string.IsNullOrEmpty(key.Name) ? Display.None : key.Name, key.Prefix, key.Scope,
                Display.Instant(key.CreatedAt), Display.Instant(key.RevokedAt));
        }

        table.Write(output);
    }

    /// <summary>
    /// The secret alone on stdout, so <c>KEY=$(punctual keys create --scope read)</c> captures just it; what it is and
    /// that it cannot be shown again go to stderr.
    /// </summary>
    public static void WriteCreated(TextWriter output, TextWriter notes, ApiKey key)
    {
        output.WriteLine(key.Key);
        var name = string.IsNullOrEmpty(key.Name) ? "" : $" '{key.Name}'";
        notes.WriteLine($"Created key {key.Id}{name} with scope {key.Scope}.");
        notes.WriteLine("Store it now: the key cannot be shown again.");
    }
}
