using System;
using System.Text;

namespace Reqivo.WebSockets.Tests.Options;

/// <summary>The values handed to callers: <see cref="WebSocketMessage"/>, the event arguments and the exceptions.</summary>
public sealed class MessageAndEventArgsTests
{
    [Fact]
    public void A_text_message_exposes_its_bytes_text_and_length()
    {
        byte[] data = Encoding.UTF8.GetBytes("héllo");
        var message = new WebSocketMessage(WebSocketMessageType.Text, data);

        Assert.Equal(WebSocketMessageType.Text, message.Type);
        Assert.Equal(6, message.Length);
        Assert.Equal(data, message.Data.ToArray());
        Assert.Equal("héllo", message.Text);
        Assert.Same(message.Text, message.Text);
    }

    [Theory]
    [InlineData(WebSocketMessageType.Text, 0, "Text(0): ")]
    [InlineData(WebSocketMessageType.Text, 64, "Text(64): aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData(WebSocketMessageType.Text, 65, "Text(65)")]
    [InlineData(WebSocketMessageType.Binary, 3, "Binary(3)")]
    public void ToString_shows_the_type_length_and_a_short_texts_content(WebSocketMessageType type, int length, string expected) =>
        Assert.Equal(expected, new WebSocketMessage(type, Encoding.ASCII.GetBytes(new string('a', length))).ToString());

    [Fact]
    public void A_pong_payload_is_a_copy()
    {
        byte[] source = [1, 2, 3];
        var pong = new WebSocketPongEventArgs(source);

        source[0] = 9;

        Assert.Equal(new byte[] { 1, 2, 3 }, pong.Payload.ToArray());
    }

    [Fact]
    public void The_reconnect_event_arguments_carry_what_they_were_given()
    {
        var cause = new WebSocketClosedException(1006, string.Empty, "lost");

        var disconnected = new WebSocketDisconnectedEventArgs(1011, "oops", cause);
        var reconnecting = new WebSocketReconnectingEventArgs(3, TimeSpan.FromMilliseconds(42), cause);
        var reconnected = new WebSocketReconnectedEventArgs(4);

        Assert.Equal(1011, disconnected.CloseStatus);
        Assert.Equal("oops", disconnected.CloseReason);
        Assert.Same(cause, disconnected.Cause);
        Assert.Equal(3, reconnecting.Attempt);
        Assert.Equal(TimeSpan.FromMilliseconds(42), reconnecting.Delay);
        Assert.Same(cause, reconnecting.LastError);
        Assert.Equal(4, reconnected.Attempts);
    }

    [Fact]
    public void The_exceptions_keep_their_message_and_cause()
    {
        var inner = new InvalidOperationException("inner");

        var plain = new WebSocketException("plain");
        var wrapped = new WebSocketException("wrapped", inner);
        var reconnecting = new WebSocketReconnectingException("later");

        Assert.Equal("plain", plain.Message);
        Assert.Null(plain.InnerException);
        Assert.Equal("wrapped", wrapped.Message);
        Assert.Same(inner, wrapped.InnerException);
        Assert.Equal("later", reconnecting.Message);
        Assert.IsAssignableFrom<WebSocketException>(reconnecting);
        Assert.IsAssignableFrom<ReqivoException>(plain);
    }
}
