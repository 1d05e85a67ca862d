using System.Globalization;
using Punctual.Core.Definitions;
using Punctual.Server.Auth;
using Punctual.Server.Json;
using Punctual.Server.Problems;
using Punctual.Storage;
using Punctual.Storage.Keys;

namespace Punctual.Server.Features.Keys;

/// <summary>/api/v1/keys (admin): list, mint and revoke API keys. A new key's secret is shown once, in the create response.</summary>
public static class KeyEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").WithTags("Keys").RequireScope(Scope.Admin);
        keys.MapGet("/", ListAsync).WithSummary("List API keys");
        keys.MapPost("/", CreateAsync).WithSummary("Create an API key (its secret is only in this response)");
        keys.MapDelete("/{id}", RevokeAsync).WithSummary("Revoke an API key");
    }

    private static async Task<IResult> ListAsync(IPunctualStore store, CancellationToken ct)
    {
        var keys = await store.ApiKeys.ListAsync(ct);
        return Results.Json(new { items = keys.Select(View).ToList() }, ApiJson.Options);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IPunctualStore store, TimeProvider time, CancellationToken ct)
    {
        var (document, problem) = await RequestBody.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var root = document!.RootElement;
            var errors = new List<FieldError>();
            string? scopeText = null;
            var name = "key";
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return ApiProblem.Invalid("", "expected an object such as { \"scope\": \"read\" }");
            }

            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "scope" when property.Value.ValueKind == System.Text.Json.JsonValueKind.String:
                        scopeText = property.Value.GetString();
                        break;
                    case "name" when property.Value.ValueKind == System.Text.Json.JsonValueKind.String
                        && property.Value.GetString() is { Length: > 0 and <= 100 } given && !given.Any(char.IsControl):
                        name = given;
                        break;
                    case "scope":
                    case "name":
                        errors.Add(new FieldError(property.Name, property.Name == "name" ? "expected a string of 1 to 100 printable characters" : "expected a string"));
                        break;
                    default:
                        errors.Add(new FieldError(property.Name, "is not a known field"));
                        break;
                }
            }

            if (!Scopes.TryParse(scopeText, out var scope))
            {
                errors.Add(new FieldError("scope", scopeText is null ? "is required: read, write or admin" : $"'{scopeText}' is not one of read, write, admin"));
            }

            if (errors.Count > 0)
            {
                return ApiProblem.Invalid(errors);
            }

            var token = ApiKeyTokens.Generate();
            var key = await store.ApiKeys.CreateAsync(
                new ApiKeyCreateRequest(name, ApiKeyTokens.Prefix(token), ApiKeyTokens.Hash(token), Scopes.ToText(scope), time.GetUtcNow()), ct);
            return Results.Json(View(key) with { Key = token }, ApiJson.Options, statusCode: StatusCodes.Status201Created);
        }
    }

    private static async Task<IResult> RevokeAsync(string id, IPunctualStore store, TimeProvider time, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var keyId))
        {
            return ApiProblem.Malformed($"'{(id.Length > 40 ? id[..40] : id)}' is not a key id");
        }

        return await store.ApiKeys.RevokeAsync(keyId, time.GetUtcNow(), ct)
            ? Results.NoContent()
            : ApiProblem.NotFound($"there is no active API key {keyId}");
    }

    private static KeyView View(ApiKeyRecord key) => new(key.Id, key.Name, key.Prefix, key.Scope, key.CreatedAt, key.RevokedAt, null);

    private sealed record KeyView(
        long Id,
        string Name,
        string Prefix,
        string Scope,
        DateTimeOffset CreatedAt,
        DateTimeOffset? RevokedAt,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Key);
}
