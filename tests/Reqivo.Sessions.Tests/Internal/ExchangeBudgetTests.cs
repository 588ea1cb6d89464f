using System;
using System.Threading;
using Reqivo.Internal;

namespace Reqivo.Sessions.Tests.Internal;

/// <summary>The per-operation timeouts capped by what is left of the total, at the exact boundaries.</summary>
public sealed class ExchangeBudgetTests
{
    [Fact]
    public void Without_a_total_the_operation_limit_is_used_as_is()
    {
        var clock = new SteppedClock();
        var budget = new ExchangeBudget(new Timeouts { Read = TimeSpan.FromSeconds(2), Total = Timeout.InfiniteTimeSpan }, clock);
        clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal((TimeSpan.FromSeconds(2), false), budget.ForRead());
        Assert.False(budget.TotalExpired);
    }

    [Theory]
    [InlineData(9, 2, 1, true)]   // less left than the read timeout: the remainder, reported as the total
    [InlineData(8, 2, 2, false)]  // exactly the read timeout left: the read timeout itself
    [InlineData(5, 2, 2, false)]  // more left: the read timeout
    public void The_read_timeout_is_capped_by_the_remaining_total(int elapsedSeconds, int readSeconds, int expectedSeconds, bool expectedIsTotal)
    {
        var clock = new SteppedClock();
        var budget = new ExchangeBudget(new Timeouts { Read = TimeSpan.FromSeconds(readSeconds), Total = TimeSpan.FromSeconds(10) }, clock);
        clock.Advance(TimeSpan.FromSeconds(elapsedSeconds));

        Assert.Equal((TimeSpan.FromSeconds(expectedSeconds), expectedIsTotal), budget.ForRead());
    }

    [Fact]
    public void An_infinite_operation_limit_gets_the_remaining_total()
    {
        var clock = new SteppedClock();
        var budget = new ExchangeBudget(new Timeouts { Write = Timeout.InfiniteTimeSpan, Total = TimeSpan.FromSeconds(10) }, clock);
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal((TimeSpan.FromSeconds(7), true), budget.ForWrite());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    public void A_spent_total_leaves_a_token_millisecond_that_counts_as_the_total(int elapsedSeconds)
    {
        var clock = new SteppedClock();
        var budget = new ExchangeBudget(new Timeouts { Total = TimeSpan.FromSeconds(10) }, clock);
        clock.Advance(TimeSpan.FromSeconds(elapsedSeconds));

        Assert.Equal((TimeSpan.FromMilliseconds(1), true), budget.Cap(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(11, true)]
    public void The_total_expires_when_its_whole_time_has_elapsed(int elapsedSeconds, bool expired)
    {
        var clock = new SteppedClock();
        var budget = new ExchangeBudget(new Timeouts { Total = TimeSpan.FromSeconds(10) }, clock);
        clock.Advance(TimeSpan.FromSeconds(elapsedSeconds));

        Assert.Equal(expired, budget.TotalExpired);
    }

    /// <summary>A clock whose timestamps move only when the test says so.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
