using System;

namespace Reqivo.WebSockets;

/// <summary>The connection was lost and auto-reconnect is about to start (<see cref="WebSocketClient.Disconnected"/>).</summary>
public sealed class WebSocketDisconnectedEventArgs : EventArgs
{
    internal WebSocketDisconnectedEventArgs(int? closeStatus, string? closeReason, Exception cause)
    {
        CloseStatus = closeStatus;
        CloseReason = closeReason;
        Cause = cause;
    }

    /// <summary>The lost connection's close status (1006 when it ended without a Close frame).</summary>
    public int? CloseStatus { get; }

    /// <summary>The lost connection's close reason.</summary>
    public string? CloseReason { get; }

    /// <summary>What the operation that noticed the loss saw.</summary>
    public Exception Cause { get; }
}

/// <summary>An attempt to reconnect is about to be made, after <see cref="Delay"/> (<see cref="WebSocketClient.Reconnecting"/>).</summary>
public sealed class WebSocketReconnectingEventArgs : EventArgs
{
    internal WebSocketReconnectingEventArgs(int attempt, TimeSpan delay, Exception lastError)
    {
        Attempt = attempt;
        Delay = delay;
        LastError = lastError;
    }

    /// <summary>The attempt's number, from 1.</summary>
    public int Attempt { get; }

    /// <summary>The backoff delay before the attempt.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Why the previous attempt failed, or the loss itself before the first attempt.</summary>
    public Exception LastError { get; }
}

/// <summary>A new connection is open (<see cref="WebSocketClient.Reconnected"/>).</summary>
public sealed class WebSocketReconnectedEventArgs : EventArgs
{
    internal WebSocketReconnectedEventArgs(int attempts) => Attempts = attempts;

    /// <summary>How many attempts it took, from 1.</summary>
    public int Attempts { get; }
}

/// <summary>A Pong frame arrived (<see cref="WebSocketClient.PongReceived"/>).</summary>
public sealed class WebSocketPongEventArgs : EventArgs
{
    internal WebSocketPongEventArgs(ReadOnlyMemory<byte> payload) => Payload = payload.ToArray();

    /// <summary>The Pong's application data (a copy; empty for keep-alive Pongs).</summary>
    public ReadOnlyMemory<byte> Payload { get; }
}
