using System.Net.Mail;
using System.Text.Json;
using System.Text.RegularExpressions;
using Punctual.Core.Alerts;
using Punctual.Core.Channels;
using Punctual.Core.Targets;

namespace Punctual.Core.Definitions;

/// <summary>
/// Reads a channel (the API body, or one entry of a config file's <c>channels:</c>):
/// <c>{ type: webhook, url, headers? }</c>, <c>{ type: slack, url: "${env:SLACK_URL}" }</c> or
/// <c>{ type: email, host, port?, tls?, username?, password?, from, to: [...] }</c>. Secrets (a Slack URL, an SMTP
/// password, credential headers) must be <c>${env:NAME}</c> references, so they are never stored in clear text.
/// </summary>
public static partial class ChannelDefinitionReader
{
    private const int MaxRecipients = 50;

    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["kind"] = "the field is called 'type'",
        ["webhook"] = "write the URL as 'url'",
        ["recipients"] = "the field is called 'to'",
        ["user"] = "the field is called 'username'",
        ["smtp"] = "write the SMTP settings at the channel's top level: host, port, tls, username, password, from, to",
    };

    [GeneratedRegex(@"\$\{env:[^}]*\}")]
    private static partial Regex Reference();

    public static ReadResult<ChannelDefinition> Read(JsonElement element, string path, string? contextName)
    {
        var errors = new FieldErrors();
        var channel = Read(element, path, contextName, errors);
        return new ReadResult<ChannelDefinition>(errors.Any ? null : channel, errors.All);
    }

    internal static ChannelDefinition? Read(JsonElement element, string path, string? contextName, FieldErrors errors)
    {
        var reader = ObjectReader.Open(element, path, errors);
        if (reader is null)
        {
            return null;
        }

        var before = errors.Count;
        var name = ReadName(reader, contextName);
        var typeText = reader.String("type", required: true, maxLength: 32);
        ChannelType? type = typeText switch
        {
            null => null,
            "webhook" => ChannelType.Webhook,
            "slack" => ChannelType.Slack,
            "email" => ChannelType.Email,
            _ => null,
        };
        if (typeText is not null && type is null)
        {
            reader.Error("type", $"'{Shorten(typeText)}' is not one of webhook, slack, email");
        }

        string? url = null;
        IReadOnlyList<KeyValuePair<string, string>> headers = [];
        EmailSettings? email = null;
        switch (type)
        {
            case ChannelType.Webhook:
                url = ReadUrl(reader, secret: false);
                headers = ReadHeaders(reader) ?? [];
                break;
            case ChannelType.Slack:
                url = ReadUrl(reader, secret: true);
                break;
            case ChannelType.Email:
                email = ReadEmail(reader);
                break;
            default:
                // The type is missing or wrong: say so once, not once per field that depends on it.
                foreach (var property in element.EnumerateObject())
                {
                    reader.Raw(property.Name);
                }

                break;
        }

        reader.RejectUnknown(Hints);
        if (errors.Count > before || name is null || type is not { } t)
        {
            return null;
        }

        return new ChannelDefinition(name, t, url, headers, email);
    }

    private static string? ReadName(ObjectReader reader, string? contextName)
    {
        var bodyName = reader.String("name", required: contextName is null, maxLength: PlainNames.MaxLength);
        if (contextName is not null && bodyName is not null && bodyName != contextName)
        {
            reader.Error("name", $"'{bodyName}' does not match the channel name '{contextName}' it is given under");
            return null;
        }

        var name = contextName ?? bodyName;
        if (name is null)
        {
            return null;
        }

        if (!PlainNames.TryValidate("channel", name, out var error))
        {
            reader.Error("name", error);
            return null;
        }

        return name;
    }

    private static string? ReadUrl(ObjectReader reader, bool secret)
    {
        var url = reader.String("url", required: true, maxLength: 2_048);
        if (url is null)
        {
            return null;
        }

        if (!SecretTemplate.TryValidate(url, out var templateError))
        {
            reader.Error("url", templateError);
            return null;
        }

        if (secret && !SecretTemplate.HasReference(url))
        {
            reader.Error("url", "a Slack webhook URL is a secret; reference it as ${env:NAME} so it is never stored or shown");
            return null;
        }

        if (url.StartsWith("${env:", StringComparison.Ordinal))
        {
            return url;
        }

        var probe = Reference().Replace(url, "placeholder");
        if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || url.Any(char.IsWhiteSpace))
        {
            reader.Error("url", $"'{Shorten(url)}' is not an absolute http:// or https:// URL");
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            reader.Error("url", "must not embed credentials (user:password@); send them in a header that references ${env:NAME}");
            return null;
        }

        return url;
    }

    private static List<KeyValuePair<string, string>>? ReadHeaders(ObjectReader reader)
    {
        var headers = reader.Object("headers");
        if (headers is null)
        {
            return reader.Has("headers") ? null : [];
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach (var property in reader.Raw("headers")!.Value.EnumerateObject())
        {
            var value = headers.String(property.Name, maxLength: 8_192);
            if (value is null)
            {
                continue;
            }

            if (!SecretTemplate.TryValidate(value, out var templateError))
            {
                headers.Error(property.Name, templateError);
            }
            else if (ReservedHeaders.CarriesCredentials(property.Name) && !SecretTemplate.HasReference(value))
            {
                headers.Error(property.Name, "holds a credential in clear text; reference it as ${env:NAME} so it is never stored or logged");
            }
            else if (result.Count >= 20)
            {
                headers.Error(property.Name, "a channel has at most 20 headers");
            }
            else
            {
                result.Add(new KeyValuePair<string, string>(property.Name, value));
            }
        }

        headers.RejectUnknown();
        return result.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static EmailSettings? ReadEmail(ObjectReader reader)
    {
        var host = reader.String("host", required: true, maxLength: 253);
        if (host is not null && (host.Any(char.IsWhiteSpace) || Uri.CheckHostName(host) == UriHostNameType.Unknown))
        {
            reader.Error("host", $"'{Shorten(host)}' is not a host name or address");
            host = null;
        }

        var securityText = reader.String("tls", maxLength: 16) ?? "starttls";
        SmtpSecurity? security = securityText switch
        {
            "starttls" => SmtpSecurity.StartTls,
            "tls" => SmtpSecurity.Tls,
            "none" => SmtpSecurity.None,
            _ => null,
        };
        if (security is null)
        {
            reader.Error("tls", $"'{Shorten(securityText)}' is not one of starttls, tls, none");
        }

        var port = reader.Integer("port", 1, 65_535) ?? (security == SmtpSecurity.Tls ? 465 : 587);
        var username = reader.String("username", maxLength: 256);
        var password = reader.String("password", maxLength: 1_024);
        if (password is not null && (!SecretTemplate.TryValidate(password, out _) || !SecretTemplate.HasReference(password)))
        {
            reader.Error("password", "must be a reference such as ${env:SMTP_PASSWORD}, so it is never stored or shown");
            password = null;
        }

        if (password is not null && username is null)
        {
            reader.Error("username", "is required with a password");
        }

        var from = ReadAddress(reader, "from", reader.String("from", required: true, maxLength: 320));
        var to = ReadRecipients(reader);
        return host is null || security is not { } s || from is null || to is null
            ? null
            : new EmailSettings(host, port, s, username, password, from, to);
    }

    private static IReadOnlyList<string>? ReadRecipients(ObjectReader reader)
    {
        var raw = reader.Raw("to");
        if (raw is not { } value)
        {
            reader.Error("to", "is required: the addresses alerts are sent to");
            return null;
        }

        var items = value.ValueKind switch
        {
            JsonValueKind.String => [value],
            JsonValueKind.Array => value.EnumerateArray().ToList(),
            _ => null,
        };
        if (items is null || items.Count == 0)
        {
            reader.Error("to", items is null ? $"expected a list of e-mail addresses, got {ObjectReader.Describe(value)}" : "must list at least one address");
            return null;
        }

        if (items.Count > MaxRecipients)
        {
            reader.Error("to", $"at most {MaxRecipients} addresses");
            return null;
        }

        var addresses = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var text = items[i].ValueKind == JsonValueKind.String ? items[i].GetString() : null;
            var address = ReadAddress(reader, value.ValueKind == JsonValueKind.Array ? $"to[{i}]" : "to", text, items[i]);
            if (address is null)
            {
                return null;
            }

            addresses.Add(address);
        }

        return addresses.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static string? ReadAddress(ObjectReader reader, string field, string? text, JsonElement? item = null)
    {
        if (text is null)
        {
            if (item is { } element)
            {
                reader.Error(field, $"expected an e-mail address, got {ObjectReader.Describe(element)}");
            }

            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > 320 || trimmed.Any(char.IsControl) || !MailAddress.TryCreate(trimmed, out var address)
            || address.Address != trimmed || !address.Host.Contains('.', StringComparison.Ordinal))
        {
            reader.Error(field, $"'{Shorten(text)}' is not an e-mail address (write it as name@example.com)");
            return null;
        }

        return trimmed;
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
