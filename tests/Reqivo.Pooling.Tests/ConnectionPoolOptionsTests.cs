using System;
using System.Threading;

namespace Reqivo.Pooling.Tests;

public sealed class ConnectionPoolOptionsTests
{
    [Fact]
    public void Defaults_are_documented_values()
    {
        var options = new ConnectionPoolOptions();

        Assert.Equal(100, options.MaxConnectionsPerOrigin);
        Assert.Equal(int.MaxValue, options.MaxConnectionsTotal);
        Assert.Equal(TimeSpan.FromSeconds(60), options.IdleTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, options.MaxLifetime);
        Assert.Equal(TimeSpan.FromSeconds(10), options.SweepInterval);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Limits_below_one_are_rejected(int limit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionPoolOptions { MaxConnectionsPerOrigin = limit });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionPoolOptions { MaxConnectionsTotal = limit });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Durations_that_are_not_positive_or_infinite_are_rejected(int seconds)
    {
        TimeSpan value = TimeSpan.FromSeconds(seconds);

        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionPoolOptions { IdleTimeout = value });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionPoolOptions { MaxLifetime = value });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionPoolOptions { SweepInterval = value });
    }

    [Fact]
    public void Infinite_durations_and_a_limit_of_one_are_accepted()
    {
        var options = new ConnectionPoolOptions
        {
            MaxConnectionsPerOrigin = 1,
            MaxConnectionsTotal = 1,
            IdleTimeout = Timeout.InfiniteTimeSpan,
            MaxLifetime = Timeout.InfiniteTimeSpan,
            SweepInterval = Timeout.InfiniteTimeSpan,
        };

        Assert.Equal((1, 1), (options.MaxConnectionsPerOrigin, options.MaxConnectionsTotal));
        Assert.Equal(Timeout.InfiniteTimeSpan, options.IdleTimeout);
    }
}
