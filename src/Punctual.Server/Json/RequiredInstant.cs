using Punctual.Core.Definitions;
using Punctual.Core.Time;

namespace Punctual.Server.Json;

/// <summary>A required instant in a body or a query: parsed like everywhere else, at store precision, or a field error.</summary>
public static class RequiredInstant
{
    public static DateTimeOffset? Read(string field, string? text, List<FieldError> errors)
    {
        if (text is null)
        {
            errors.Add(new FieldError(field, "is required: an ISO-8601 instant such as '2026-12-01T09:00:00Z'"));
            return null;
        }

        if (!Instants.TryParse(text, out var value, out var error))
        {
            errors.Add(new FieldError(field, error));
            return null;
        }

        return Instants.ToStorePrecision(value);
    }
}
