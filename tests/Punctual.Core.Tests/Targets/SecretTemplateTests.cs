using Punctual.Core.Targets;

namespace Punctual.Core.Tests.Targets;

public sealed class SecretTemplateTests
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["API_TOKEN"] = "t0k3n",
        ["HOST"] = "billing.internal",
        ["EMPTY"] = "",
        ["LOOKS_LIKE_A_REFERENCE"] = "${env:API_TOKEN}",
    };

    private static string? Lookup(string name) => Environment.GetValueOrDefault(name);

    [Theory]
    [InlineData("Bearer ${env:API_TOKEN}", "Bearer t0k3n")]
    [InlineData("https://${env:HOST}/tasks?token=${env:API_TOKEN}", "https://billing.internal/tasks?token=t0k3n")]
    [InlineData("${env:API_TOKEN}${env:API_TOKEN}", "t0k3nt0k3n")]
    [InlineData("[${env:EMPTY}]", "[]")]
    [InlineData("x ${env:LOOKS_LIKE_A_REFERENCE} y", "x ${env:API_TOKEN} y")]
    public void TryResolve_ReplacesEveryReference(string text, string expected)
    {
        Assert.True(SecretTemplate.TryResolve(text, Lookup, out var resolved, out var missing));
        Assert.Equal(expected, resolved);
        Assert.Null(missing);
    }

    [Theory]
    [InlineData("Bearer ${env:MISSING_TOKEN}", "MISSING_TOKEN")]
    [InlineData("${env:API_TOKEN}/${env:NOPE}/${env:ALSO_NOPE}", "NOPE")]
    public void TryResolve_WithAnUnsetVariable_FailsNamingIt(string text, string expectedMissing)
    {
        Assert.False(SecretTemplate.TryResolve(text, Lookup, out var resolved, out var missing));
        Assert.Equal(expectedMissing, missing);
        Assert.Equal("", resolved);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("$env:API_TOKEN")]
    [InlineData("{env:API_TOKEN}")]
    [InlineData("${API_TOKEN}")]
    [InlineData("costs $5 {not a ref}")]
    public void TryResolve_TextWithoutReferences_IsUntouchedAndNeverLooksUpTheEnvironment(string text)
    {
        var lookups = 0;

        Assert.True(SecretTemplate.TryResolve(text, name => { lookups++; return Lookup(name); }, out var resolved, out var missing));
        Assert.Equal(text, resolved);
        Assert.Null(missing);
        Assert.Equal(0, lookups);
    }

    [Theory]
    [InlineData("Bearer ${env:API_TOKEN}", true)]
    [InlineData("${env:A}", true)]
    [InlineData("${env:_a1}", true)]
    [InlineData("plain", true)]
    [InlineData("$5 and {braces}", true)]
    [InlineData("${TOKEN}", false)]
    [InlineData("${env:}", false)]
    [InlineData("${env:1A}", false)]
    [InlineData("${env:A-B}", false)]
    [InlineData("${env:A B}", false)]
    [InlineData("${ENV:A}", false)]
    [InlineData("${secret:A}", false)]
    [InlineData("${}", false)]
    [InlineData("${env:A", false)]
    [InlineData("${", false)]
    [InlineData("${env:A} and ${", false)]
    [InlineData("${env:A} ${env:B", false)]
    [InlineData("${env:A\n}", false)]
    public void TryValidate_AcceptsOnlyWellFormedEnvReferences(string text, bool valid)
    {
        Assert.Equal(valid, SecretTemplate.TryValidate(text, out var error));
        Assert.Equal(valid, error.Length == 0);
    }

    [Fact]
    public void TryValidate_AVariableNameOver128Characters_IsRejected()
    {
        Assert.True(SecretTemplate.TryValidate("${env:A" + new string('B', 127) + "}", out _));
        Assert.False(SecretTemplate.TryValidate("${env:A" + new string('B', 128) + "}", out _));
    }

    [Fact]
    public void TryValidate_ExplainsTheExpectedForm()
    {
        SecretTemplate.TryValidate("Bearer ${TOKEN}", out var error);

        Assert.Equal("'${TOKEN}' is not a valid secret reference; write ${env:NAME} with NAME made of letters, digits and '_'", error);
    }

    [Theory]
    [InlineData("Bearer ${env:X}", true)]
    [InlineData("${env:", true)]
    [InlineData("Bearer x", false)]
    [InlineData("${X}", false)]
    public void HasReference_LooksForEnvReferences(string text, bool expected) =>
        Assert.Equal(expected, SecretTemplate.HasReference(text));
}
