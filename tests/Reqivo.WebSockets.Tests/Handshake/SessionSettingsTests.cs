using System;
using System.Threading;
using Reqivo.Transport;
using Reqivo.WebSockets.Internal;

namespace Reqivo.WebSockets.Tests.Handshake;

/// <summary>What a WebSocket takes from a session: the base address, and settings the options leave unset.</summary>
public sealed class SessionSettingsTests
{
    [Fact]
    public void Arguments_are_checked_with_their_names()
    {
        using var session = new Session();

        Assert.Equal("session", Assert.Throws<ArgumentNullException>(() => SessionSettings.Apply(null!, "ws://x/", null)).ParamName);
        Assert.Equal("url", Assert.Throws<ArgumentNullException>(() => SessionSettings.Apply(session, null!, null)).ParamName);
        Assert.Equal("url", Assert.Throws<ArgumentException>(() => SessionSettings.Apply(session, string.Empty, null)).ParamName);
        Assert.Equal("url", Assert.Throws<ArgumentException>(() => SessionSettings.Apply(session, "/relative", null)).ParamName);
        Assert.Equal("url", Assert.Throws<ArgumentException>(() => session.ConnectWebSocket("/relative")).ParamName);
    }

    [Theory]
    [InlineData("ws://other.example/a", "ws://other.example/a")]
    [InlineData("wss://other.example/a", "wss://other.example/a")]
    [InlineData("http://other.example/a", "http://other.example/a")]
    [InlineData("https://other.example/a", "https://other.example/a")]
    [InlineData("/a?b=1", "https://base.example/a?b=1")]
    [InlineData("c", "https://base.example/root/c")]
    public void An_absolute_url_is_used_as_given_and_a_relative_one_resolves_against_the_base_address(string url, string expected)
    {
        using var session = new Session(new SessionOptions { BaseAddress = new Uri("https://base.example/root/") });

        (Uri uri, _) = SessionSettings.Apply(session, url, null);

        Assert.Equal(expected, uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("ws://other.example/a")]
    [InlineData("wss://other.example/a")]
    [InlineData("http://other.example/a")]
    [InlineData("https://other.example/a")]
    public void An_absolute_url_needs_no_base_address(string url)
    {
        using var session = new Session();

        (Uri uri, _) = SessionSettings.Apply(session, url, null);

        Assert.Equal(url, uri.AbsoluteUri);
    }

    [Fact]
    public void Without_options_the_sessions_connect_timeout_clock_transport_and_tls_apply()
    {
        var transport = new SocketTransport();
        var tls = new TlsOptions();
        var clock = new ManualClock();
        using var session = new Session(new SessionOptions
        {
            Timeouts = new Timeouts { Connect = TimeSpan.FromSeconds(7) },
            Transport = transport,
            Tls = tls,
            TimeProvider = clock,
        });

        (_, WebSocketOptions merged) = SessionSettings.Apply(session, "ws://x/", null);

        Assert.Equal(TimeSpan.FromSeconds(7), merged.ConnectTimeout);
        Assert.Same(clock, merged.TimeProvider);
        Assert.Same(transport, merged.Transport);
        Assert.Same(tls, merged.Tls);
        Assert.Equal(Timeout.InfiniteTimeSpan, merged.KeepAliveInterval);
        Assert.Null(merged.Reconnect);
    }

    [Fact]
    public void Given_options_win_over_the_session()
    {
        using var session = new Session(new SessionOptions
        {
            Timeouts = new Timeouts { Connect = TimeSpan.FromSeconds(7) },
            Transport = new SocketTransport(),
            Tls = new TlsOptions(),
            TimeProvider = new ManualClock(),
        });
        var transport = new SocketTransport();
        var tls = new TlsOptions();
        var reconnect = new WebSocketReconnectOptions();
        var headers = new Protocol.HttpHeaders();
        var given = new WebSocketOptions
        {
            Headers = headers,
            Subprotocols = ["p"],
            PerMessageDeflate = new Protocol.WebSockets.PerMessageDeflateOptions(),
            Limits = new Protocol.WebSockets.WebSocketLimits { MaxMessageLength = 77 },
            ConnectTimeout = TimeSpan.FromSeconds(3),
            KeepAliveInterval = TimeSpan.FromSeconds(4),
            KeepAliveTimeout = TimeSpan.FromSeconds(5),
            CloseTimeout = TimeSpan.FromSeconds(6),
            Transport = transport,
            Tls = tls,
            Reconnect = reconnect,
        };

        (_, WebSocketOptions merged) = SessionSettings.Apply(session, "ws://x/", given);

        Assert.Same(headers, merged.Headers);
        Assert.Equal(["p"], merged.Subprotocols);
        Assert.Same(given.PerMessageDeflate, merged.PerMessageDeflate);
        Assert.Same(given.Limits, merged.Limits);
        Assert.Equal(TimeSpan.FromSeconds(3), merged.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(4), merged.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), merged.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(6), merged.CloseTimeout);
        Assert.Same(transport, merged.Transport);
        Assert.Same(tls, merged.Tls);
        Assert.Same(reconnect, merged.Reconnect);
        Assert.Same(TimeProvider.System, merged.TimeProvider);
    }

    private sealed class ManualClock : TimeProvider;
}
