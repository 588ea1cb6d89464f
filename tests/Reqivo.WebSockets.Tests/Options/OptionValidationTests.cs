using System;
using System.Threading;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.WebSockets.Tests.Options;

/// <summary>The documented defaults of <see cref="WebSocketOptions"/> and the range checks of its setters.</summary>
public sealed class OptionValidationTests
{
    [Fact]
    public void The_defaults_are_the_documented_values()
    {
        var options = new WebSocketOptions();

        Assert.Equal(TimeSpan.FromSeconds(30), options.ConnectTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, options.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(20), options.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.CloseTimeout);
        Assert.Empty(options.Subprotocols);
        Assert.Empty(options.Headers);
        Assert.Null(options.PerMessageDeflate);
        Assert.Same(WebSocketLimits.Default, options.Limits);
        Assert.Null(options.Transport);
        Assert.Null(options.Tls);
        Assert.Null(options.Reconnect);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    public static TheoryData<TimeSpan> AcceptedTimeSpans => new()
    {
        Timeout.InfiniteTimeSpan,
        TimeSpan.FromTicks(1),
        TimeSpan.FromMilliseconds(1),
        TimeSpan.FromMilliseconds(int.MaxValue),
    };

    public static TheoryData<TimeSpan> RefusedTimeSpans => new()
    {
        TimeSpan.Zero,
        TimeSpan.FromTicks(-1),
        TimeSpan.FromMilliseconds(-2),
        TimeSpan.FromMilliseconds(int.MaxValue + 1.0),
        TimeSpan.MaxValue,
    };

    [Theory]
    [MemberData(nameof(AcceptedTimeSpans))]
    public void Every_time_span_option_accepts_positive_values_up_to_int_MaxValue_ms_and_infinite(TimeSpan value)
    {
        var options = new WebSocketOptions { ConnectTimeout = value, KeepAliveInterval = value, KeepAliveTimeout = value, CloseTimeout = value };

        Assert.Equal(value, options.ConnectTimeout);
        Assert.Equal(value, options.KeepAliveInterval);
        Assert.Equal(value, options.KeepAliveTimeout);
        Assert.Equal(value, options.CloseTimeout);
    }

    [Theory]
    [MemberData(nameof(RefusedTimeSpans))]
    public void Every_time_span_option_refuses_zero_negative_and_too_large_values(TimeSpan value)
    {
        AssertRefused(() => _ = new WebSocketOptions { ConnectTimeout = value }, value);
        AssertRefused(() => _ = new WebSocketOptions { KeepAliveInterval = value }, value);
        AssertRefused(() => _ = new WebSocketOptions { KeepAliveTimeout = value }, value);
        AssertRefused(() => _ = new WebSocketOptions { CloseTimeout = value }, value);
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("chat.v2")]
    [InlineData("a-b_c~d!#$%&'*+^`|")]
    [InlineData("\u0021")]
    [InlineData("\u007e")]
    public void A_token_subprotocol_is_accepted(string name)
    {
        var options = new WebSocketOptions { Subprotocols = [name, "other"] };

        Assert.Equal([name, "other"], options.Subprotocols);
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("tab\there")]
    [InlineData("\u0020")]
    [InlineData("\u007f")]
    [InlineData("caf\u00e9")]
    [InlineData("(")]
    [InlineData(")")]
    [InlineData("<")]
    [InlineData(">")]
    [InlineData("@")]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData(":")]
    [InlineData("\\")]
    [InlineData("\"")]
    [InlineData("/")]
    [InlineData("[")]
    [InlineData("]")]
    [InlineData("?")]
    [InlineData("=")]
    [InlineData("{")]
    [InlineData("}")]
    public void A_subprotocol_that_is_not_a_token_is_refused(string name)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new WebSocketOptions { Subprotocols = ["good", name] });

        Assert.Equal("value", error.ParamName);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_or_null_subprotocol_name_and_a_null_list_are_refused()
    {
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => new WebSocketOptions { Subprotocols = [string.Empty] }).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => new WebSocketOptions { Subprotocols = [null!] }).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => new WebSocketOptions { Subprotocols = null! }).ParamName);
    }

    [Fact]
    public void The_subprotocol_list_is_copied()
    {
        string[] names = ["one", "two"];
        var options = new WebSocketOptions { Subprotocols = names };

        names[0] = "changed";

        Assert.Equal(["one", "two"], options.Subprotocols);
    }

    private static void AssertRefused(Action set, TimeSpan value)
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(set);
        Assert.Equal("value", error.ParamName);
        Assert.Equal(value, error.ActualValue);
    }
}
