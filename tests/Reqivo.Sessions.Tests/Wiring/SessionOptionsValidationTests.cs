using System;
using System.Threading;
using Reqivo;

namespace Reqivo.Sessions.Tests.Wiring;

/// <summary>The option setters refuse out-of-range values and accept their exact boundaries.</summary>
public sealed class SessionOptionsValidationTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void MaxResponseBodySize_must_be_positive(long limit)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SessionOptions { MaxResponseBodySize = limit });

        Assert.Equal("value", error.ParamName);
    }

    [Fact]
    public void MaxResponseBodySize_accepts_one()
    {
        Assert.Equal(1, new SessionOptions { MaxResponseBodySize = 1 }.MaxResponseBodySize);
    }

    [Fact]
    public void ExpectContinueTimeout_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionOptions { ExpectContinueTimeout = TimeSpan.Zero });
        Assert.Equal(TimeSpan.FromTicks(1), new SessionOptions { ExpectContinueTimeout = TimeSpan.FromTicks(1) }.ExpectContinueTimeout);
    }

    [Fact]
    public void MaxRedirects_is_zero_or_more()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionOptions { MaxRedirects = -1 });
        Assert.Equal(0, new SessionOptions { MaxRedirects = 0 }.MaxRedirects);
    }

    [Fact]
    public void A_timeout_is_positive_or_infinite()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Timeouts { Read = TimeSpan.Zero });

        Assert.Equal("value", error.ParamName);
        Assert.Equal(Timeout.InfiniteTimeSpan, new Timeouts { Read = Timeout.InfiniteTimeSpan }.Read);
        Assert.Equal(TimeSpan.FromTicks(1), new Timeouts { Read = TimeSpan.FromTicks(1) }.Read);
    }
}
