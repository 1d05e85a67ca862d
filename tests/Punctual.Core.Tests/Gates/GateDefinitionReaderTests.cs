using System.Text.Json;
using Punctual.Core.Definitions;

namespace Punctual.Core.Tests.Gates;

public sealed class GateDefinitionReaderTests
{
    private static ReadResult<Punctual.Core.Gates.GateDefinition> Read(string json, string? name = "billing")
    {
        using var document = JsonDocument.Parse(json);
        return GateDefinitionReader.Read(document.RootElement, "", name);
    }

    [Fact]
    public void Read_FillsDefaults_BurstIsOneSecondOfTheRate_NoCap_NotAdaptive_PauseLeftAlone()
    {
        var gate = Read("""{ "rate": "600/m" }""").Value!;

        Assert.Equal(10, gate.Limits.RatePerSecond);
        Assert.Equal(10, gate.Limits.Burst);
        Assert.Null(gate.Limits.Concurrency);
        Assert.False(gate.Limits.Adaptive);
        Assert.Null(gate.Paused);
    }

    [Fact]
    public void Read_TakesEveryField()
    {
        var gate = Read("""{ "rate": "20/s", "burst": 40, "concurrency": 5, "adaptive": true, "paused": true }""").Value!;

        Assert.Equal((20d, 40, 5, true, true), (gate.Limits.RatePerSecond, gate.Limits.Burst, gate.Limits.Concurrency, gate.Limits.Adaptive, gate.Paused));
        Assert.Equal(20d / 16, gate.Limits.FloorPerSecond);
    }

    [Fact]
    public void Read_AlertBlock_FillsDefaults_AndRoundTripsThroughItsCanonicalJson()
    {
        var alert = Read("""{ "rate": "1/s", "alert": { "backlog_above": 1000, "channels": ["ops", "pager"] } }""").Value!.Alert!;

        Assert.Equal((1000, TimeSpan.Zero, (TimeSpan?)null), (alert.BacklogAbove, alert.For, alert.Repeat));
        Assert.Equal(["ops", "pager"], alert.Channels);
        var json = GateAlertWriter.ToJson(alert);
        Assert.Equal("""{"backlog_above":1000,"for":"0s","channels":["ops","pager"]}""", json);
        Assert.Equal(json, GateAlertWriter.ToJson(GateAlertReader.FromJson(json)));
    }

    [Fact]
    public void Read_AlertBlock_TakesEveryField()
    {
        var alert = Read("""{ "rate": "1/s", "alert": { "backlog_above": 5, "for": "5m", "channels": ["ops"], "repeat": "4h" } }""").Value!.Alert!;

        Assert.Equal("""{"backlog_above":5,"for":"5m","channels":["ops"],"repeat":"4h"}""", GateAlertWriter.ToJson(alert));
    }

    [Fact]
    public void Read_WithoutAlertBlock_HasNoAlert() => Assert.Null(Read("""{ "rate": "1/s" }""").Value!.Alert);

    [Theory]
    [InlineData("""{ }""", "rate", "required")]
    [InlineData("""{ "rate": 20 }""", "rate", "expected a string")]
    [InlineData("""{ "rate": "20" }""", "rate", "is not a rate")]
    [InlineData("""{ "rate": "20/d" }""", "rate", "unknown unit 'd'")]
    [InlineData("""{ "rate": "0/s" }""", "rate", "is not a rate")]
    [InlineData("""{ "rate": "1000000/s" }""", "rate", "faster than the maximum")]
    [InlineData("""{ "rate": "1/s", "burst": 0 }""", "burst", "must be between 1 and 100000")]
    [InlineData("""{ "rate": "1/s", "concurrency": -1 }""", "concurrency", "must be between 1 and 100000")]
    [InlineData("""{ "rate": "1/s", "adaptive": "yes" }""", "adaptive", "")]
    [InlineData("""{ "rate": "1/s", "rps": 3 }""", "rps", "write the rate as 'rate'")]
    [InlineData("""{ "rate": "1/s", "name": "other" }""", "name", "does not match the gate name 'billing'")]
    [InlineData("""{ "rate": "1/s", "alert": { "channels": ["ops"] } }""", "alert.backlog_above", "is required")]
    [InlineData("""{ "rate": "1/s", "alert": { "backlog_above": 0, "channels": ["ops"] } }""", "alert.backlog_above", "must be between 1 and 10000000")]
    [InlineData("""{ "rate": "1/s", "alert": { "backlog_above": 10000001, "channels": ["ops"] } }""", "alert.backlog_above", "must be between 1 and 10000000")]
    [InlineData("""{ "rate": "1/s", "alert": { "backlog_above": "many", "channels": ["ops"] } }""", "alert.backlog_above", "expected a whole number")]
    [InlineData("""{ "rate": "1/s", "alert": { "backlog_above": 5 } }""", "alert.channels", "is required")]
    [InlineData("""{ "rate": "1/s", "alert": { "backlog_above": 5, "channels": [] } }""", "alert.channels", "at least one channel")]
    [InlineData("""{ "rate": "1/s", "alert": { "backlog_above": 5, "channels": ["bad name"] } }""", "alert.channels[0]", "not a valid channel name")]
    [InlineData("""{ "rate": "1/s", "alert": { "backlog_above": 5, "channels": ["ops"], "for": "soon" } }""", "alert.for", "")]
    [InlineData("""{ "rate": "1/s", "alert": { "backlog_above": 5, "channels": ["ops"], "for": "31d" } }""", "alert.for", "must be between")]
    [InlineData("""{ "rate": "1/s", "alert": { "backlog_above": 5, "channels": ["ops"], "repeat": "10s" } }""", "alert.repeat", "must be between 1m")]
    [InlineData("""{ "rate": "1/s", "alert": { "threshold": 5, "channels": ["ops"] } }""", "alert.threshold", "'backlog_above'")]
    [InlineData("""{ "rate": "1/s", "alert": [] }""", "alert", "")]
    public void Read_BadInput_NamesTheFieldAndTheReason(string json, string field, string reason)
    {
        var result = Read(json);

        Assert.Null(result.Value);
        var error = Assert.Single(result.Errors, e => e.Field == field);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
