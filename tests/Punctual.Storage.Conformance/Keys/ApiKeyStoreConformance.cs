using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Keys;

namespace Punctual.Storage.Conformance.Keys;

/// <summary>API keys: stored by hash, found while active, revoked once, and the bootstrap key upserted by name.</summary>
public abstract class ApiKeyStoreConformance : StoreConformance
{
    private static readonly string HashA = new('a', 64);
    private static readonly string HashB = new('b', 64);
    private static readonly string HashC = new('c', 64);

    [Fact]
    public async Task Create_ThenFindActiveByHash_ReturnsTheKey()
    {
        var created = await Store.ApiKeys.CreateAsync(new ApiKeyCreateRequest("ci", "pk_ab12", HashA, "write", At.T0), Ct);

        Assert.Equal(("ci", "pk_ab12", HashA, "write", At.T0, (DateTimeOffset?)null), (created.Name, created.Prefix, created.Hash, created.Scope, created.CreatedAt, created.RevokedAt));
        Assert.Equal(created, await Store.ApiKeys.FindActiveByHashAsync(HashA, Ct));
    }

    [Fact]
    public async Task FindActiveByHash_UnknownHash_IsNull() => Assert.Null(await Store.ApiKeys.FindActiveByHashAsync(HashA, Ct));

    [Fact]
    public async Task Revoke_MakesTheKeyUnfindable_AndIsTrueOnlyOnce()
    {
        var key = await Store.ApiKeys.CreateAsync(new ApiKeyCreateRequest("ci", "pk_ab12", HashA, "read", At.T0), Ct);

        Assert.True(await Store.ApiKeys.RevokeAsync(key.Id, At.Minute(1), Ct));
        Assert.False(await Store.ApiKeys.RevokeAsync(key.Id, At.Minute(2), Ct));
        Assert.False(await Store.ApiKeys.RevokeAsync(key.Id + 100, At.Minute(2), Ct));

        Assert.Null(await Store.ApiKeys.FindActiveByHashAsync(HashA, Ct));
        Assert.Equal(At.Minute(1), Assert.Single(await Store.ApiKeys.ListAsync(Ct)).RevokedAt);
    }

    [Fact]
    public async Task List_ShowsEveryKeyInCreationOrder_RevokedOnesIncluded()
    {
        var first = await Store.ApiKeys.CreateAsync(new ApiKeyCreateRequest("zeta", "pk_1", HashA, "read", At.T0), Ct);
        var second = await Store.ApiKeys.CreateAsync(new ApiKeyCreateRequest("alpha", "pk_2", HashB, "admin", At.Minute(1)), Ct);
        await Store.ApiKeys.RevokeAsync(first.Id, At.Minute(2), Ct);

        var keys = await Store.ApiKeys.ListAsync(Ct);

        Assert.Equal([first.Id, second.Id], keys.Select(key => key.Id));
        Assert.NotNull(keys[0].RevokedAt);
    }

    [Fact]
    public async Task CountActive_LeavesRevokedKeysOut()
    {
        var first = await Store.ApiKeys.CreateAsync(new ApiKeyCreateRequest("one", "pk_1", HashA, "read", At.T0), Ct);
        await Store.ApiKeys.CreateAsync(new ApiKeyCreateRequest("two", "pk_2", HashB, "read", At.T0), Ct);
        Assert.Equal(2, await Store.ApiKeys.CountActiveAsync(Ct));

        await Store.ApiKeys.RevokeAsync(first.Id, At.Minute(1), Ct);

        Assert.Equal(1, await Store.ApiKeys.CountActiveAsync(Ct));
    }

    [Fact]
    public async Task UpsertByName_WithTheSameHash_ReturnsTheExistingKey_AndChangesNothing()
    {
        var first = await Store.ApiKeys.UpsertByNameAsync(new ApiKeyUpsertRequest("bootstrap", "pk_a", HashA, "admin", At.T0), Ct);

        var again = await Store.ApiKeys.UpsertByNameAsync(new ApiKeyUpsertRequest("bootstrap", "pk_a", HashA, "admin", At.Minute(5)), Ct);

        Assert.Equal(first, again);
        Assert.Single(await Store.ApiKeys.ListAsync(Ct));
    }

    [Fact]
    public async Task UpsertByName_WithANewHash_RevokesTheNamesActiveKeys_AndAddsTheNewOne()
    {
        var old = await Store.ApiKeys.UpsertByNameAsync(new ApiKeyUpsertRequest("bootstrap", "pk_a", HashA, "admin", At.T0), Ct);
        var other = await Store.ApiKeys.CreateAsync(new ApiKeyCreateRequest("ci", "pk_b", HashB, "write", At.T0), Ct);

        var replacement = await Store.ApiKeys.UpsertByNameAsync(new ApiKeyUpsertRequest("bootstrap", "pk_c", HashC, "admin", At.Minute(5)), Ct);

        Assert.NotEqual(old.Id, replacement.Id);
        Assert.Equal(("bootstrap", HashC, (DateTimeOffset?)null), (replacement.Name, replacement.Hash, replacement.RevokedAt));
        Assert.Null(await Store.ApiKeys.FindActiveByHashAsync(HashA, Ct));
        Assert.Equal(replacement, await Store.ApiKeys.FindActiveByHashAsync(HashC, Ct));
        Assert.Equal(other, await Store.ApiKeys.FindActiveByHashAsync(HashB, Ct));
        Assert.Equal(2, await Store.ApiKeys.CountActiveAsync(Ct));
    }

    [Fact]
    public async Task UpsertByName_BackToAnEarlierHash_MakesThatKeyTheActiveOneAgain()
    {
        await Store.ApiKeys.UpsertByNameAsync(new ApiKeyUpsertRequest("bootstrap", "pk_a", HashA, "admin", At.T0), Ct);
        await Store.ApiKeys.UpsertByNameAsync(new ApiKeyUpsertRequest("bootstrap", "pk_b", HashB, "admin", At.Minute(1)), Ct);

        var back = await Store.ApiKeys.UpsertByNameAsync(new ApiKeyUpsertRequest("bootstrap", "pk_a", HashA, "admin", At.Minute(2)), Ct);

        Assert.Equal((HashA, (DateTimeOffset?)null), (back.Hash, back.RevokedAt));
        Assert.Equal(back, await Store.ApiKeys.FindActiveByHashAsync(HashA, Ct));
        Assert.Null(await Store.ApiKeys.FindActiveByHashAsync(HashB, Ct));
        Assert.Equal(1, await Store.ApiKeys.CountActiveAsync(Ct));
    }
}
