using Punctual.Core.Outcomes;

namespace Punctual.Core.Tests.Outcomes;

public sealed class StatusClassifierTests
{
    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    [InlineData(204)]
    [InlineData(299)]
    public void Classify_2xx_IsSuccess(int status) =>
        Assert.Equal(AttemptOutcome.Succeeded, StatusClassifier.Classify(status, []));

    [Theory]
    [InlineData(408)]
    [InlineData(425)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(599)]
    public void Classify_RetryableStatuses_AreTransient(int status) =>
        Assert.Equal(AttemptOutcome.Transient, StatusClassifier.Classify(status, []));

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(405)]
    [InlineData(409)]
    [InlineData(410)]
    [InlineData(422)]
    [InlineData(426)]
    [InlineData(451)]
    [InlineData(499)]
    public void Classify_Other4xx_IsPermanent(int status) =>
        Assert.Equal(AttemptOutcome.Permanent, StatusClassifier.Classify(status, []));

    [Theory]
    [InlineData(100)]
    [InlineData(199)]
    [InlineData(300)]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(304)]
    [InlineData(307)]
    [InlineData(308)]
    public void Classify_1xxAnd3xx_IsPermanent(int status) =>
        Assert.Equal(AttemptOutcome.Permanent, StatusClassifier.Classify(status, []));

    [Theory]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(423)]
    public void Classify_4xxListedInOnStatus_IsTransient(int status) =>
        Assert.Equal(AttemptOutcome.Transient, StatusClassifier.Classify(status, [404, 409, 423]));

    [Fact]
    public void Classify_OnStatusDoesNotAffectUnlistedStatuses()
    {
        Assert.Equal(AttemptOutcome.Permanent, StatusClassifier.Classify(400, [404]));
        Assert.Equal(AttemptOutcome.Succeeded, StatusClassifier.Classify(200, [404]));
        Assert.Equal(AttemptOutcome.Transient, StatusClassifier.Classify(503, [404]));
    }

    [Fact]
    public void Classify_EveryStatusFrom100To599_FollowsTheDesignTable()
    {
        for (var status = 100; status <= 599; status++)
        {
            var expected = status switch
            {
                >= 200 and < 300 => AttemptOutcome.Succeeded,
                408 or 425 or 429 or >= 500 => AttemptOutcome.Transient,
                _ => AttemptOutcome.Permanent,
            };
            Assert.Equal(expected, StatusClassifier.Classify(status, []));
        }
    }
}
