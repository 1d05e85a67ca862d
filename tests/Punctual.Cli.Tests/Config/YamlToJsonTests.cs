using System.Text.Json;
using System.Text.Json.Nodes;
using Punctual.Cli.Config;

namespace Punctual.Cli.Tests.Config;

public sealed class YamlToJsonTests
{
    private static string Json(string yaml) => YamlToJson.Convert(yaml)!.ToJsonString();

    private static JsonValueKind KindOf(string scalar)
    {
        var node = YamlToJson.Convert($"v: {scalar}")!["v"];
        return node is null ? JsonValueKind.Null : node.GetValueKind();
    }

    [Theory]
    [InlineData("5", "5")]
    [InlineData("-17", "-17")]
    [InlineData("+3", "3")]
    [InlineData("007", "7")]
    [InlineData("0o17", "15")]
    [InlineData("0x1F", "31")]
    [InlineData("12345678901234567890123", "12345678901234567890123")]
    [InlineData("1.5", "1.5")]
    [InlineData(".5", "0.5")]
    [InlineData("-2.", "-2")]
    [InlineData("1e3", "1e3")]
    [InlineData("6.02E+23", "6.02E+23")]
    public void PlainNumbers_BecomeJsonNumbers(string scalar, string json)
    {
        Assert.Equal(JsonValueKind.Number, KindOf(scalar));
        Assert.Equal($$"""{"v":{{json}}}""", Json($"v: {scalar}"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    public void PlainBooleans_BecomeJsonBooleans(string scalar, bool value) =>
        Assert.Equal(value, YamlToJson.Convert($"v: {scalar}")!["v"]!.GetValue<bool>());

    [Theory]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NULL")]
    [InlineData("~")]
    [InlineData("")]
    public void PlainNulls_BecomeJsonNull(string scalar) => Assert.Equal(JsonValueKind.Null, KindOf(scalar));

    [Theory]
    [InlineData("30s")]
    [InlineData("10s..10m")]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("on")]
    [InlineData("1_000")]
    [InlineData("0b101")]
    [InlineData("2026-12-01T09:00:00Z")]
    [InlineData("12:30")]
    [InlineData("20/s")]
    [InlineData("Europe/Paris")]
    public void OtherPlainScalars_StayStrings(string scalar)
    {
        Assert.Equal(JsonValueKind.String, KindOf(scalar));
        Assert.Equal(scalar, YamlToJson.Convert($"v: {scalar}")!["v"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"5\"", "5")]
    [InlineData("'true'", "true")]
    [InlineData("\"null\"", "null")]
    [InlineData("'~'", "~")]
    [InlineData("!!str 5", "5")]
    [InlineData("! 12", "12")]
    public void QuotedOrStrTaggedScalars_AreStrings(string scalar, string text)
    {
        Assert.Equal(JsonValueKind.String, KindOf(scalar));
        Assert.Equal(text, YamlToJson.Convert($"v: {scalar}")!["v"]!.GetValue<string>());
    }

    [Fact]
    public void BlockScalars_AreStringsWithTheirNewlines() =>
        Assert.Equal("{\"v\":\"line 1\\nline 2\\n\",\"w\":\"a b\\n\"}", Json("v: |\n  line 1\n  line 2\nw: >\n  a\n  b\n"));

    [Fact]
    public void CoreTags_ConvertTheirValue() =>
        Assert.Equal("""{"a":5,"b":true,"c":null,"d":2.5}""", Json("a: !!int \"5\"\nb: !!bool 'true'\nc: !!null ''\nd: !!float 2.5"));

    [Fact]
    public void TypesInOneJob_FollowTheCoreSchema()
    {
        var job = YamlToJson.Convert("timeout: 30s\nretry:\n  attempts: 5\n  label: \"5\"\n  on_status: [429, 503]\n")!;
        Assert.Equal(JsonValueKind.String, job["timeout"]!.GetValueKind());
        Assert.Equal(5, job["retry"]!["attempts"]!.GetValue<int>());
        Assert.Equal("5", job["retry"]!["label"]!.GetValue<string>());
        Assert.Equal("[429,503]", job["retry"]!["on_status"]!.ToJsonString());
    }

    [Fact]
    public void NestedMappingsAndSequences_KeepTheirShapeAndOrder() =>
        Assert.Equal(
            """{"jobs":{"b":{"list":[1,{"x":"y"},[true,null]],"flow":{"k":"v"}},"a":{}}}""",
            Json("jobs:\n  b:\n    list:\n      - 1\n      - x: y\n      - [true, ~]\n    flow: {k: v}\n  a: {}\n"));

    [Fact]
    public void NonStringKeys_BecomeTheirText() =>
        Assert.Equal("""{"5":"five","true":"yes","null":"n"}""", Json("5: five\ntrue: yes\nnull: n"));

    [Fact]
    public void Aliases_AreExpandedAsCopies()
    {
        var root = YamlToJson.Convert("base: &retry { attempts: 5, backoff: 10s..10m }\njob1: { retry: *retry }\njob2: { retry: *retry }\n")!;
        Assert.Equal("""{"attempts":5,"backoff":"10s..10m"}""", root["job1"]!["retry"]!.ToJsonString());
        Assert.Equal(root["job1"]!.ToJsonString(), root["job2"]!.ToJsonString());
    }

    [Fact]
    public void ScalarAliases_AreExpanded() =>
        Assert.Equal("""{"a":"Europe/Paris","b":"Europe/Paris","c":30}""", Json("a: &tz Europe/Paris\nb: *tz\nc: &n 30\n"));

    [Fact]
    public void MergeKeys_AddDefaultsThatExplicitKeysOverride() =>
        Assert.Equal(
            """{"defaults":{"timeout":"30s","overlap":"forbid"},"job":{"timeout":"1m","overlap":"forbid"}}""",
            Json("defaults: &d { timeout: 30s, overlap: forbid }\njob:\n  <<: *d\n  timeout: 1m\n"));

    [Fact]
    public void MergeKeyWithAList_TakesTheFirstListedValue()
    {
        var job = YamlToJson.Convert("x: &x { a: 1 }\ny: &y { a: 2, b: 3 }\njob: { <<: [*x, *y] }\n")!["job"]!;

        Assert.Equal((1, 3), (job["a"]!.GetValue<int>(), job["b"]!.GetValue<int>()));
    }

    [Fact]
    public void MergeKeyWithAScalar_IsAnError() =>
        Assert.Contains("merge key", Assert.Throws<ConfigConversionException>(() => YamlToJson.Convert("job: { <<: 5 }")).Message, StringComparison.Ordinal);

    [Fact]
    public void QuotedMergeKey_IsAnOrdinaryKey() =>
        Assert.Equal("x", YamlToJson.Convert("\"<<\": x")!["<<"]!.GetValue<string>());

    [Fact]
    public void UnknownAlias_IsAnErrorAtItsPosition()
    {
        var error = Assert.Throws<ConfigConversionException>(() => YamlToJson.Convert("a: 1\nb: *missing\n"));
        Assert.Equal(2, error.Line);
        Assert.Contains("'*missing' refers to no anchor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateKey_IsAnErrorNamingTheKeyAndBothLines()
    {
        var error = Assert.Throws<ConfigConversionException>(() => YamlToJson.Convert("jobs:\n  nightly:\n    timeout: 30s\n    retry: {}\n    timeout: 1m\n"));
        Assert.Equal(5, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Equal("line 5, column 5: duplicate key 'timeout' (first defined on line 3)", error.Message);
    }

    [Fact]
    public void KeysEqualOnlyAsText_AreDuplicates()
    {
        var error = Assert.Throws<ConfigConversionException>(() => YamlToJson.Convert("5: a\n\"5\": b\n"));
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void SyntaxError_NamesLineAndColumn()
    {
        var error = Assert.Throws<ConfigConversionException>(() => YamlToJson.Convert("jobs:\n  nightly:\n    schedule: \"0 2 * * *\n    timeout: 30s\n"));
        Assert.True(error.Line >= 3, $"line {error.Line}");
        Assert.StartsWith($"line {error.Line}, column {error.Column}: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jobs:\n  a: { every: 1h\n  b: [\n")]
    [InlineData("jobs: [1, 2\n")]
    [InlineData("jobs: { a: 1\n")]
    public void TextEndingInsideAFlowCollection_IsAConversionError_NotACrash(string yaml)
    {
        var error = Assert.Throws<ConfigConversionException>(() => YamlToJson.Convert(yaml));
        Assert.StartsWith("line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTruncationOfAValidFile_ConvertsOrFailsWithAPosition()
    {
        const string config = """
            gates:
              billing-api: { rate: 20/s, burst: 40, concurrency: 5, adaptive: true }
            jobs:
              monthly-invoices:
                schedule: "0 9 * * *"
                timezone: Europe/Paris
                target:
                  url: https://billing.internal/tasks/invoices
                  headers: { Authorization: "Bearer ${env:BILLING_TOKEN}" }
                  body: { kind: monthly, tags: [a, 'b', "c"] }
                retry: { attempts: 5, backoff: 10s..10m }
            """;
        for (var length = 0; length <= config.Length; length++)
        {
            try
            {
                YamlToJson.Convert(config[..length]);
            }
            catch (ConfigConversionException e)
            {
                Assert.StartsWith("line ", e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void BadIndentation_NamesItsLine()
    {
        var error = Assert.Throws<ConfigConversionException>(() => YamlToJson.Convert("jobs:\n  a:\n    x: 1\n   y: 2\n"));
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void MultipleDocuments_AreRejected()
    {
        var error = Assert.Throws<ConfigConversionException>(() => YamlToJson.Convert("jobs: {}\n---\njobs: {}\n"));
        Assert.Equal(2, error.Line);
        Assert.Contains("more than one YAML document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFile_IsAnError() =>
        Assert.Contains("empty", Assert.Throws<ConfigConversionException>(() => YamlToJson.Convert("# only a comment\n")).Message, StringComparison.Ordinal);

    [Fact]
    public void ComplexKeys_AreRejected() =>
        Assert.Contains("mapping key", Assert.Throws<ConfigConversionException>(() => YamlToJson.Convert("? [a, b]\n: c\n")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("v: .inf")]
    [InlineData("v: -.Inf")]
    [InlineData("v: .nan")]
    public void InfinityAndNaN_AreRejected(string yaml) =>
        Assert.Contains("cannot be written in JSON", Assert.Throws<ConfigConversionException>(() => YamlToJson.Convert(yaml)).Message, StringComparison.Ordinal);

    [Fact]
    public void UnknownTags_AreRejected() =>
        Assert.Contains("tag '!Ref'", Assert.Throws<ConfigConversionException>(() => YamlToJson.Convert("v: !Ref x")).Message, StringComparison.Ordinal);

    [Fact]
    public void WrongCoreTag_IsRejected() =>
        Assert.Contains("not an integer", Assert.Throws<ConfigConversionException>(() => YamlToJson.Convert("v: !!int abc")).Message, StringComparison.Ordinal);

    [Fact]
    public void AliasExpansionBomb_IsStopped()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 1; i < 9; i++)
        {
            yaml += $"{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 10))}]\n";
        }

        Assert.Contains("expands to more than", Assert.Throws<ConfigConversionException>(() => YamlToJson.Convert(yaml)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonText_ReadsAsYaml() =>
        Assert.Equal("""{"jobs":{"a":{"attempts":5,"label":"5","on":true}}}""", Json("""{"jobs": {"a": {"attempts": 5, "label": "5", "on": true}}}"""));

    [Fact]
    public void SampleConfigOfTheDesign_ConvertsToTheExpectedJson()
    {
        const string sample = """
            gates:
              billing-api: { rate: 20/s, burst: 40, concurrency: 5, adaptive: true }
            channels:
              ops: { type: slack, url: "${env:OPS_SLACK_WEBHOOK}" }
            jobs:
              monthly-invoices:
                schedule: "0 9 * * *"
                timezone: Europe/Paris
                once_per: month
                target:
                  url: https://billing.internal/tasks/invoices
                  headers: { Authorization: "Bearer ${env:BILLING_TOKEN}" }
                  body: { kind: monthly }
                gate: billing-api
                timeout: 30s
                retry: { attempts: 5, backoff: 10s..10m, within: 6h }
                overlap: forbid
                catch_up: latest
                alert: { on: [dead, missed], channels: [ops] }
            monitors:
              nightly-backup: { schedule: "0 2 * * *", timezone: UTC, grace: 30m, channels: [ops] }
            """;
        var expected = JsonNode.Parse("""
            {
              "gates": { "billing-api": { "rate": "20/s", "burst": 40, "concurrency": 5, "adaptive": true } },
              "channels": { "ops": { "type": "slack", "url": "${env:OPS_SLACK_WEBHOOK}" } },
              "jobs": {
                "monthly-invoices": {
                  "schedule": "0 9 * * *",
                  "timezone": "Europe/Paris",
                  "once_per": "month",
                  "target": {
                    "url": "https://billing.internal/tasks/invoices",
                    "headers": { "Authorization": "Bearer ${env:BILLING_TOKEN}" },
                    "body": { "kind": "monthly" }
                  },
                  "gate": "billing-api",
                  "timeout": "30s",
                  "retry": { "attempts": 5, "backoff": "10s..10m", "within": "6h" },
                  "overlap": "forbid",
                  "catch_up": "latest",
                  "alert": { "on": ["dead", "missed"], "channels": ["ops"] }
                }
              },
              "monitors": { "nightly-backup": { "schedule": "0 2 * * *", "timezone": "UTC", "grace": "30m", "channels": ["ops"] } }
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, YamlToJson.Convert(sample)), YamlToJson.Convert(sample)!.ToJsonString());
    }
}
