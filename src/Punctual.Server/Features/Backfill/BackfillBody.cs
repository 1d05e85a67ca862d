using System.Text.Json;
using Punctual.Core.Backfill;
using Punctual.Core.Definitions;
using Punctual.Server.Json;

namespace Punctual.Server.Features.Backfill;

/// <summary>
/// The body of a backfill, <c>{ "from": instant, "to": instant, "dry_run": bool }</c>, and the same range as query
/// values (progress). A range is validated against the request's clock: from before to, to not in the future.
/// </summary>
public static class BackfillBody
{
    public static (BackfillRange? Range, bool DryRun, IReadOnlyList<FieldError> Errors) Read(JsonElement root, DateTimeOffset now)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, false, [new FieldError("", "expected an object such as { \"from\": \"2026-11-01T00:00:00Z\", \"to\": \"2026-11-08T00:00:00Z\" }")]);
        }

        var errors = new List<FieldError>();
        string? from = null, to = null;
        var dryRun = false;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "from" or "to" when property.Value.ValueKind == JsonValueKind.String:
                    if (property.Name == "from")
                    {
                        from = property.Value.GetString();
                    }
                    else
                    {
                        to = property.Value.GetString();
                    }

                    break;
                case "from" or "to":
                    errors.Add(new FieldError(property.Name, "expected an ISO-8601 instant such as '2026-12-01T09:00:00Z'"));
                    break;
                case "dry_run" when property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    dryRun = property.Value.GetBoolean();
                    break;
                case "dry_run":
                    errors.Add(new FieldError("dry_run", "expected true or false"));
                    break;
                default:
                    errors.Add(new FieldError(property.Name, "is not a known field; a backfill accepts 'from', 'to' and 'dry_run'"));
                    break;
            }
        }

        if (errors.Count > 0)
        {
            return (null, dryRun, errors);
        }

        var range = ReadRange(from, to, now, errors);
        return (range, dryRun, errors);
    }

    /// <summary>Reads and validates a range; adds field errors for what is wrong.</summary>
    public static BackfillRange? ReadRange(string? fromText, string? toText, DateTimeOffset now, List<FieldError> errors)
    {
        var from = RequiredInstant.Read("from", fromText, errors);
        var to = RequiredInstant.Read("to", toText, errors);
        if (from is null || to is null)
        {
            return null;
        }

        var range = BackfillRange.TryCreate(from.Value, to.Value, now, out var error);
        if (range is null)
        {
            errors.Add(new FieldError("to", error!));
        }

        return range;
    }
}
