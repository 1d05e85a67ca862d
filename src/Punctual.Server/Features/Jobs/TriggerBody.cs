using System.Text;
using System.Text.Json;
using Punctual.Core.Definitions;
using Punctual.Core.Targets;

namespace Punctual.Server.Features.Jobs;

/// <summary>The optional body of a trigger: <c>{ "body": &lt;any JSON&gt; }</c>, replacing the target's body for this one run.</summary>
public static class TriggerBody
{
    public static (string? BodyJson, IReadOnlyList<FieldError> Errors) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, [new FieldError("", "expected an object such as { \"body\": { … } }")]);
        }

        var errors = new List<FieldError>();
        string? body = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != "body")
            {
                errors.Add(new FieldError(property.Name, "is not a known field; a trigger accepts only 'body'"));
                continue;
            }

            body = JsonSerializer.Serialize(property.Value);
            if (Encoding.UTF8.GetByteCount(body) > HttpTargetSpec.MaxBodyBytes)
            {
                errors.Add(new FieldError("body", $"is larger than {HttpTargetSpec.MaxBodyBytes / 1024} KiB"));
            }
            else if (!SecretTemplate.TryValidate(body, out var templateError))
            {
                errors.Add(new FieldError("body", templateError));
            }
        }

        return (errors.Count == 0 ? body : null, errors);
    }
}
