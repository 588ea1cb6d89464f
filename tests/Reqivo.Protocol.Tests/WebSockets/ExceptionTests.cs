using System;
using Reqivo.Protocol.WebSockets;

namespace Reqivo.Protocol.Tests.WebSockets;

public sealed class WebSocketExceptionTests
{
    [Theory]
    [InlineData(WebSocketViolation.MaskedServerFrame, 1002, ProtocolError.WebSocket)]
    [InlineData(WebSocketViolation.ReservedBitSet, 1002, ProtocolError.WebSocket)]
    [InlineData(WebSocketViolation.ReservedOpcode, 1002, ProtocolError.WebSocket)]
    [InlineData(WebSocketViolation.InvalidPayloadLength, 1002, ProtocolError.WebSocket)]
    [InlineData(WebSocketViolation.ControlFrameTooLong, 1002, ProtocolError.WebSocket)]
    [InlineData(WebSocketViolation.FragmentedControlFrame, 1002, ProtocolError.WebSocket)]
    [InlineData(WebSocketViolation.UnexpectedContinuation, 1002, ProtocolError.WebSocket)]
    [InlineData(WebSocketViolation.UnfinishedMessage, 1002, ProtocolError.WebSocket)]
    [InlineData(WebSocketViolation.InvalidCloseStatus, 1002, ProtocolError.WebSocket)]
    [InlineData(WebSocketViolation.InvalidUtf8, 1007, ProtocolError.WebSocket)]
    [InlineData(WebSocketViolation.FrameTooLarge, 1009, ProtocolError.LimitExceeded)]
    [InlineData(WebSocketViolation.MessageTooLarge, 1009, ProtocolError.LimitExceeded)]
    public void Each_violation_carries_its_close_code_and_error_kind(WebSocketViolation violation, int closeCode, ProtocolError error)
    {
        var exception = new WebSocketProtocolException(violation, "why");

        Assert.Equal(violation, exception.Violation);
        Assert.Equal(closeCode, exception.CloseCode);
        Assert.Equal(closeCode, WebSocketProtocolException.CloseCodeOf(violation));
        Assert.Equal(error, exception.Error);
        Assert.Equal("why", exception.Message);
        Assert.IsAssignableFrom<ProtocolException>(exception);
        Assert.IsAssignableFrom<ReqivoException>(exception);
    }

    [Fact]
    public void Every_violation_is_covered_by_the_theory_above()
    {
        Assert.Equal(12, Enum.GetValues<WebSocketViolation>().Length);
    }
}
