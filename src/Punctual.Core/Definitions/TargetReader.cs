using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Punctual.Core.Targets;

namespace Punctual.Core.Definitions;

/// <summary>
/// Reads and validates a target: an HTTP call <c>{ url, method?, headers?, body? }</c> or, for jobs, a command
/// <c>{ command: [argv…], env?, workdir?, permanent_exit_codes? }</c> (<see cref="CommandTargetReader"/>).
/// </summary>
internal static partial class TargetReader
{
    private const int MaxUrlLength = 2_048;
    private const int MaxHeaders = 50;
    private const int MaxHeaderValueLength = 8_192;

    private static readonly string[] Fields = ["url", "method", "headers", "body", "command", "env", "workdir", "permanent_exit_codes"];

    private static readonly Dictionary<string, string> JobHints = new(StringComparer.Ordinal)
    {
        ["argv"] = "write the program and its arguments as 'command' (a list)",
        ["env"] = "applies only to a command target (command), not to an http target (url)",
        ["workdir"] = "applies only to a command target (command), not to an http target (url)",
        ["permanent_exit_codes"] = "applies only to a command target (command), not to an http target (url)",
    };

    private static readonly Dictionary<string, string> TaskHints = new(StringComparer.Ordinal)
    {
        ["command"] = "a one-shot task calls a URL; run a command from a job (target.command)",
        ["argv"] = "a one-shot task calls a URL; run a command from a job (target.command)",
    };

    // \z, not $: $ also matches before a final newline, which would let "X-Name\n" (header injection) through.
    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,128}\z")]
    private static partial Regex HeaderName();

    /// <summary>A job's target: HTTP, or a command when it has a <c>command</c> field (never both).</summary>
    public static TargetSpec? Read(ObjectReader? target)
    {
        if (target is null)
        {
            return null;
        }

        if (target.Has("command") && target.Has("url"))
        {
            target.Error("command", "a target is either an http call (url) or a command, not both");
            foreach (var field in Fields)
            {
                target.Raw(field);
            }

            target.RejectUnknown();
            return null;
        }

        return target.Has("command") ? CommandTargetReader.Read(target) : ReadHttp(target, JobHints);
    }

    /// <summary>A one-shot task's target, which is always an HTTP call.</summary>
    public static HttpTargetSpec? ReadHttp(ObjectReader? target) => target is null ? null : ReadHttp(target, TaskHints);

    private static HttpTargetSpec? ReadHttp(ObjectReader target, IReadOnlyDictionary<string, string> hints)
    {
        var url = ReadUrl(target);
        var method = ReadMethod(target);
        var headers = ReadHeaders(target);
        var body = ReadBody(target);
        target.RejectUnknown(hints);
        return url is null || method is null || headers is null || body.Failed
            ? null
            : new HttpTargetSpec(method, url, headers, body.Json);
    }

    private static string? ReadUrl(ObjectReader target)
    {
        var url = target.String("url", required: !target.Has("command"), maxLength: MaxUrlLength);
        if (url is null)
        {
            return null;
        }

        if (!SecretTemplate.TryValidate(url, out var templateError))
        {
            target.Error("url", templateError);
            return null;
        }

        if (url.StartsWith("${env:", StringComparison.Ordinal))
        {
            // The whole base comes from the environment; it is checked when resolved at dispatch.
            return url;
        }

        var probe = Regex.Replace(url, @"\$\{env:[^}]*\}", "placeholder");
        if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            target.Error("url", $"'{Shorten(url)}' is not an absolute http:// or https:// URL");
            return null;
        }

        if (url.Any(char.IsWhiteSpace))
        {
            target.Error("url", "must not contain spaces; percent-encode them");
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            target.Error("url", "must not embed credentials (user:password@); send them in a header that references ${env:NAME}");
            return null;
        }

        return url;
    }

    private static string? ReadMethod(ObjectReader target)
    {
        var method = target.String("method", maxLength: 16);
        if (method is null)
        {
            return target.Has("method") ? null : HttpTargetSpec.DefaultMethod;
        }

        var upper = method.ToUpperInvariant();
        if (!HttpTargetSpec.Methods.Contains(upper))
        {
            target.Error("method", $"'{Shorten(method)}' is not supported; use one of {string.Join(", ", HttpTargetSpec.Methods.Order())}");
            return null;
        }

        return upper;
    }

    private static List<KeyValuePair<string, string>>? ReadHeaders(ObjectReader target)
    {
        var headers = target.Object("headers");
        if (headers is null)
        {
            return target.Has("headers") ? null : [];
        }

        var raw = target.Raw("headers")!.Value;
        var result = new List<KeyValuePair<string, string>>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        foreach (var property in raw.EnumerateObject())
        {
            var name = property.Name;
            var value = headers.String(name, maxLength: MaxHeaderValueLength);
            if (value is null)
            {
                ok = false;
                continue;
            }

            if (!HeaderName().IsMatch(name))
            {
                headers.Error(name, "is not a valid header name");
                ok = false;
            }
            else if (ReservedHeaders.IsReserved(name))
            {
                headers.Error(name, "is set by Punctual on every attempt and cannot be overridden");
                ok = false;
            }
            else if (!names.Add(name))
            {
                headers.Error(name, "appears more than once (header names are case-insensitive)");
                ok = false;
            }
            else if (!SecretTemplate.TryValidate(value, out var templateError))
            {
                headers.Error(name, templateError);
                ok = false;
            }
            else if (ReservedHeaders.CarriesCredentials(name) && !SecretTemplate.HasReference(value))
            {
                headers.Error(name, "holds a credential in clear text; reference it as ${env:NAME} (e.g. \"Bearer ${env:API_TOKEN}\") so it is never stored or logged");
                ok = false;
            }
            else
            {
                result.Add(new KeyValuePair<string, string>(name, value));
            }
        }

        if (result.Count > MaxHeaders)
        {
            target.Error("headers", $"at most {MaxHeaders} headers");
            ok = false;
        }

        headers.RejectUnknown();
        return ok ? result.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase).ToList() : null;
    }

    private static (string? Json, bool Failed) ReadBody(ObjectReader target)
    {
        if (target.Raw("body") is not { } body)
        {
            return (null, false);
        }

        var json = JsonSerializer.Serialize(body);
        if (Encoding.UTF8.GetByteCount(json) > HttpTargetSpec.MaxBodyBytes)
        {
            target.Error("body", $"is larger than {HttpTargetSpec.MaxBodyBytes / 1024} KiB");
            return (null, true);
        }

        if (!SecretTemplate.TryValidate(json, out var templateError))
        {
            target.Error("body", templateError);
            return (null, true);
        }

        return (json, false);
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
