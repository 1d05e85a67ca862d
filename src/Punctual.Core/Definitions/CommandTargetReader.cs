using System.Text.Json;
using System.Text.RegularExpressions;
using Punctual.Core.Targets;

namespace Punctual.Core.Definitions;

/// <summary>
/// Reads and validates a command target: <c>{ command: [program, args…], env?, workdir?, permanent_exit_codes? }</c>.
/// Nothing here touches the node (the program and directory are checked when an attempt runs): a definition is
/// valid or not wherever it is read.
/// </summary>
internal static partial class CommandTargetReader
{
    private const int MaxEnvValueLength = 8_192;
    private const int MaxWorkDirLength = 4_096;

    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["method"] = "applies only to an http target (url), not to a command",
        ["headers"] = "applies only to an http target (url), not to a command; pass values in 'env'",
        ["body"] = "applies only to an http target (url), not to a command",
        ["argv"] = "write the program and its arguments as 'command' (a list)",
        ["cwd"] = "the field is called 'workdir'",
        ["environment"] = "the field is called 'env'",
    };

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,127}\z")]
    private static partial Regex EnvName();

    public static CommandTargetSpec? Read(ObjectReader target)
    {
        var argv = ReadArgv(target);
        var env = ReadEnv(target);
        var (workDir, workDirFailed) = ReadWorkDir(target);
        var permanent = target.IntegerList("permanent_exit_codes", 1, 255);
        var permanentFailed = permanent is null && target.Has("permanent_exit_codes");
        target.RejectUnknown(Hints);
        return argv is null || env is null || workDirFailed || permanentFailed
            ? null
            : new CommandTargetSpec(argv, env, workDir, permanent ?? []);
    }

    private static List<string>? ReadArgv(ObjectReader target)
    {
        var path = target.PathOf("command");
        if (target.Raw("command") is not { } raw)
        {
            return null;
        }

        if (raw.ValueKind != JsonValueKind.Array)
        {
            target.Error("command", $"expected a list such as [\"/usr/local/bin/backup\", \"--full\"] (no shell parses it), got {ObjectReader.Describe(raw)}");
            return null;
        }

        var argv = new List<string>();
        var ok = true;
        var index = 0;
        foreach (var item in raw.EnumerateArray())
        {
            var at = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                target.ErrorAt(at, $"expected a string, got {ObjectReader.Describe(item)}");
                ok = false;
                continue;
            }

            var text = item.GetString()!;
            if (text.Length > CommandTargetSpec.MaxArgumentLength)
            {
                target.ErrorAt(at, $"is longer than {CommandTargetSpec.MaxArgumentLength} characters");
                ok = false;
            }
            else if (text.Contains('\0', StringComparison.Ordinal))
            {
                target.ErrorAt(at, "contains a NUL character, which no program argument can hold");
                ok = false;
            }
            else if (SecretTemplate.HasReference(text))
            {
                // Arguments are stored as written and visible to every user of the node (ps); secrets go through env.
                target.ErrorAt(at, "secret references (${env:NAME}) are resolved only in 'env' values; pass the secret in env and read it there");
                ok = false;
            }
            else
            {
                argv.Add(text);
            }
        }

        if (index == 0)
        {
            target.Error("command", "must not be empty; give the program and its arguments, e.g. [\"/usr/local/bin/backup\", \"--full\"]");
            return null;
        }

        if (index > CommandTargetSpec.MaxArguments)
        {
            target.Error("command", $"at most {CommandTargetSpec.MaxArguments} items");
            return null;
        }

        if (ok && argv[0].Trim().Length == 0)
        {
            target.ErrorAt($"{path}[0]", "the program must not be empty");
            return null;
        }

        return ok ? argv : null;
    }

    private static List<KeyValuePair<string, string>>? ReadEnv(ObjectReader target)
    {
        var env = target.Object("env");
        if (env is null)
        {
            return target.Has("env") ? null : [];
        }

        var result = new List<KeyValuePair<string, string>>();
        var ok = true;
        foreach (var property in target.Raw("env")!.Value.EnumerateObject())
        {
            var name = property.Name;
            var value = env.String(name, maxLength: MaxEnvValueLength, allowMultiline: true);
            if (value is null)
            {
                ok = false;
            }
            else if (!EnvName().IsMatch(name))
            {
                env.Error(name, "is not a valid environment variable name; use letters, digits and '_', not starting with a digit");
                ok = false;
            }
            else if (name.StartsWith("PUNCTUAL_", StringComparison.OrdinalIgnoreCase))
            {
                env.Error(name, "PUNCTUAL_* variables are set by Punctual on every attempt and cannot be overridden");
                ok = false;
            }
            else if (!SecretTemplate.TryValidate(value, out var templateError))
            {
                env.Error(name, templateError);
                ok = false;
            }
            else if (CarriesCredentials(name) && !SecretTemplate.HasReference(value))
            {
                env.Error(name, "holds a credential in clear text; reference it as ${env:NAME} so it is never stored or logged");
                ok = false;
            }
            else
            {
                result.Add(new KeyValuePair<string, string>(name, value));
            }
        }

        if (result.Count > CommandTargetSpec.MaxEnv)
        {
            target.Error("env", $"at most {CommandTargetSpec.MaxEnv} variables");
            ok = false;
        }

        env.RejectUnknown();
        return ok ? result.OrderBy(e => e.Key, StringComparer.Ordinal).ToList() : null;
    }

    private static (string? WorkDir, bool Failed) ReadWorkDir(ObjectReader target)
    {
        var workDir = target.String("workdir", maxLength: MaxWorkDirLength);
        if (workDir is null)
        {
            return (null, target.Has("workdir"));
        }

        // Relative to what? The server's directory differs between nodes and restarts; only an absolute path means one place.
        if (!workDir.StartsWith('/') || workDir.Contains('\0', StringComparison.Ordinal))
        {
            target.Error("workdir", $"'{Shorten(workDir)}' is not an absolute path; write it from the root, e.g. /srv/reports");
            return (null, true);
        }

        if (SecretTemplate.HasReference(workDir))
        {
            target.Error("workdir", "secret references (${env:NAME}) are resolved only in 'env' values");
            return (null, true);
        }

        return (workDir, false);
    }

    private static bool CarriesCredentials(string name) =>
        name.Contains("TOKEN", StringComparison.OrdinalIgnoreCase)
        || name.Contains("SECRET", StringComparison.OrdinalIgnoreCase)
        || name.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase)
        || name.Contains("PASSWD", StringComparison.OrdinalIgnoreCase)
        || name.Contains("API_KEY", StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
