using System;

namespace Reqivo.WebSockets.Tests.Options;

/// <summary>The defaults and range checks of <see cref="WebSocketReconnectOptions"/>, and its backoff at the edges.</summary>
public sealed class ReconnectOptionTests
{
    [Fact]
    public void The_defaults_are_the_documented_values()
    {
        var options = new WebSocketReconnectOptions();

        Assert.Equal(10, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.InitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxDelay);
        Assert.Equal(2.0, options.Multiplier);
        Assert.Equal(0.2, options.Jitter);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(int.MaxValue)]
    public void MaxAttempts_accepts_one_and_more(int value) =>
        Assert.Equal(value, new WebSocketReconnectOptions { MaxAttempts = value }.MaxAttempts);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void MaxAttempts_refuses_zero_and_less(int value) =>
        AssertRefused(() => _ = new WebSocketReconnectOptions { MaxAttempts = value }, value);

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(10_000_000L)]
    public void The_delays_accept_zero_and_more(long ticks)
    {
        var options = new WebSocketReconnectOptions { InitialDelay = TimeSpan.FromTicks(ticks), MaxDelay = TimeSpan.FromTicks(ticks) };

        Assert.Equal(TimeSpan.FromTicks(ticks), options.InitialDelay);
        Assert.Equal(TimeSpan.FromTicks(ticks), options.MaxDelay);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void The_delays_refuse_negative_values(long ticks)
    {
        AssertRefused(() => _ = new WebSocketReconnectOptions { InitialDelay = TimeSpan.FromTicks(ticks) }, TimeSpan.FromTicks(ticks));
        AssertRefused(() => _ = new WebSocketReconnectOptions { MaxDelay = TimeSpan.FromTicks(ticks) }, TimeSpan.FromTicks(ticks));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(1e300)]
    public void Multiplier_accepts_one_and_more(double value) =>
        Assert.Equal(value, new WebSocketReconnectOptions { Multiplier = value }.Multiplier);

    [Theory]
    [InlineData(0.999)]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void Multiplier_refuses_less_than_one_and_non_finite_values(double value) =>
        AssertRefused(() => _ = new WebSocketReconnectOptions { Multiplier = value }, value);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Jitter_accepts_zero_to_one(double value) =>
        Assert.Equal(value, new WebSocketReconnectOptions { Jitter = value }.Jitter);

    [Theory]
    [InlineData(-0.001)]
    [InlineData(1.001)]
    [InlineData(double.NaN)]
    public void Jitter_refuses_values_outside_zero_to_one(double value) =>
        AssertRefused(() => _ = new WebSocketReconnectOptions { Jitter = value }, value);

    [Theory]
    // Attempt 0 (never asked for) is treated as attempt 1: no negative exponent.
    [InlineData(0, 0.5, 100)]
    // Jitter can never push a delay over MaxDelay.
    [InlineData(5, 1.0, 1000)]
    [InlineData(5, 0.0, 800)]
    [InlineData(4, 1.0, 960)]
    // Below the cap the jitter spreads both ways.
    [InlineData(3, 0.0, 320)]
    [InlineData(3, 1.0, 480)]
    [InlineData(3, 0.75, 440)]
    public void The_backoff_is_capped_by_MaxDelay_after_jitter(int attempt, double sample, double expectedMs)
    {
        var policy = new WebSocketReconnectOptions { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), Multiplier = 2, Jitter = 0.2 };

        Assert.Equal(expectedMs, policy.DelayBefore(attempt, sample).TotalMilliseconds, precision: 6);
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(5, 0.999)]
    public void Full_jitter_stays_between_zero_and_twice_the_nominal_delay(int attempt, double sample)
    {
        var policy = new WebSocketReconnectOptions { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromHours(1), Multiplier = 3, Jitter = 1.0 };
        double nominal = 100 * Math.Pow(3, attempt - 1);

        double delay = policy.DelayBefore(attempt, sample).TotalMilliseconds;

        Assert.Equal(nominal * 2 * sample, delay, precision: 3);
    }

    [Fact]
    public void A_zero_initial_delay_gives_zero_for_every_attempt()
    {
        var policy = new WebSocketReconnectOptions { InitialDelay = TimeSpan.Zero };

        Assert.Equal(TimeSpan.Zero, policy.DelayBefore(1, 0.9));
        Assert.Equal(TimeSpan.Zero, policy.DelayBefore(7, 0.1));
    }

    private static void AssertRefused(Action set, object value)
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(set);
        Assert.Equal("value", error.ParamName);
        Assert.Equal(value, error.ActualValue);
    }
}
