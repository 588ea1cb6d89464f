using System;
using Reqivo;
using Reqivo.Retries;

namespace Reqivo.Sessions.Tests.Pipeline;

/// <summary>The pure parts of retries: Retry-After parsing (RFC 9110 §10.2.3) and full-jitter backoff.</summary>
public sealed class RetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(1994, 11, 6, 8, 49, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("120", 120)]
    [InlineData(" 5 ", 5)]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT", 37)]
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT", 37)]
    [InlineData("Sun Nov  6 08:49:37 1994", 37)]
    [InlineData("Sun, 06 Nov 1994 08:48:00 GMT", 0)]
    public void Retry_After_accepts_delay_seconds_and_the_three_HTTP_date_forms(string value, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryAfter.Parse(value, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("soon")]
    public void An_invalid_Retry_After_is_ignored(string? value)
    {
        Assert.Null(RetryAfter.Parse(value, Now));
    }

    [Fact]
    public void A_huge_delay_seconds_value_means_the_longest_wait_not_an_error()
    {
        Assert.Equal(TimeSpan.MaxValue, RetryAfter.Parse("99999999999999999999999", Now));
    }

    [Theory]
    [InlineData(2, 0.5, 50)]
    [InlineData(3, 0.5, 100)]
    [InlineData(4, 0.5, 200)]
    [InlineData(4, 0.0, 0)]
    [InlineData(10, 0.5, 500)]
    public void Backoff_is_a_uniform_share_of_the_doubling_cap_bounded_by_the_maximum(int nextAttempt, double sample, int expectedMs)
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), policy.Backoff(nextAttempt, sample));
    }

    [Fact]
    public void Policy_limits_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy { MaxAttempts = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy { BaseDelay = TimeSpan.FromSeconds(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy { MaxDelay = TimeSpan.FromSeconds(-1) });
        Assert.Equal(3, new RetryPolicy().MaxAttempts);
        Assert.Equal([429, 503], new RetryPolicy().RetryStatusCodes);
    }
}
