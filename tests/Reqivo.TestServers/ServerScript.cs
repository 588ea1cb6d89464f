using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;

namespace Reqivo.TestServers;

/// <summary>
/// What a <see cref="ScriptedTcpServer"/> does on one connection, step by step: wait for exact bytes, send exact
/// bytes (at once or one at a time), pause, close gracefully, reset, or go silent. Built fluently:
/// <code>new ServerScript().ReceiveUntil("\r\n\r\n").Send("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").Close()</code>
/// When the steps run out the connection is closed gracefully (as <see cref="Close"/>). Text is Latin-1, byte for byte.
/// </summary>
public sealed class ServerScript
{
    private readonly List<ScriptStep> _steps = [];

    internal IReadOnlyList<ScriptStep> Steps => _steps;

    /// <summary>Reads until <paramref name="pattern"/> has arrived after the previous receive step's end.</summary>
    public ServerScript ReceiveUntil(string pattern) => ReceiveUntil(Encoding.Latin1.GetBytes(pattern));

    /// <inheritdoc cref="ReceiveUntil(string)"/>
    public ServerScript ReceiveUntil(byte[] pattern)
    {
        ArgumentOutOfRangeException.ThrowIfZero(pattern.Length);
        return Add(new ReceiveUntilStep(pattern));
    }

    /// <summary>Reads until <paramref name="count"/> more bytes have arrived after the previous receive step's end.</summary>
    public ServerScript ReceiveBytes(int count) => Add(new ReceiveBytesStep(count));

    /// <summary>Sends the bytes in one write.</summary>
    public ServerScript Send(string text) => Send(Encoding.Latin1.GetBytes(text));

    /// <inheritdoc cref="Send(string)"/>
    public ServerScript Send(byte[] bytes) => Add(new SendStep(bytes, TimeSpan.Zero));

    /// <summary>
    /// Sends bytes computed from everything received so far, in one write: for answers that depend on the client's
    /// request, such as a WebSocket handshake's Sec-WebSocket-Accept.
    /// </summary>
    public ServerScript Respond(Func<byte[], byte[]> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Add(new RespondStep(answer));
    }

    /// <summary>Sends the bytes one at a time, waiting <paramref name="delayBetweenBytes"/> after each.</summary>
    public ServerScript SendSlowly(string text, TimeSpan delayBetweenBytes) => SendSlowly(Encoding.Latin1.GetBytes(text), delayBetweenBytes);

    /// <inheritdoc cref="SendSlowly(string, TimeSpan)"/>
    public ServerScript SendSlowly(byte[] bytes, TimeSpan delayBetweenBytes) => Add(new SendStep(bytes, delayBetweenBytes));

    /// <summary>Does nothing for <paramref name="delay"/>.</summary>
    public ServerScript Pause(TimeSpan delay) => Add(new PauseStep(null, delay));

    /// <summary>Does nothing until <paramref name="until"/> completes (for example a test's TaskCompletionSource).</summary>
    public ServerScript Pause(Task until) => Add(new PauseStep(until, TimeSpan.Zero));

    /// <summary>
    /// Closes gracefully: sends FIN, then keeps reading (and recording) until the peer closes too, so unread bytes
    /// never turn the close into a reset. Ends the script.
    /// </summary>
    public ServerScript Close() => Add(new CloseStep(Abort: false));

    /// <summary>Resets the connection (RST, by closing with a zero linger time). Ends the script.</summary>
    public ServerScript Abort() => Add(new CloseStep(Abort: true));

    /// <summary>Never sends anything: reads and records until the peer closes or the server is disposed. Ends the script.</summary>
    public ServerScript NeverRespond() => Add(new NeverRespondStep());

    private ServerScript Add(ScriptStep step)
    {
        _steps.Add(step);
        return this;
    }
}

internal abstract record ScriptStep;

internal sealed record ReceiveUntilStep(byte[] Pattern) : ScriptStep;

internal sealed record ReceiveBytesStep(int Count) : ScriptStep;

internal sealed record RespondStep(Func<byte[], byte[]> Answer) : ScriptStep;

internal sealed record SendStep(byte[] Bytes, TimeSpan DelayBetweenBytes) : ScriptStep;

internal sealed record PauseStep(Task? Until, TimeSpan Delay) : ScriptStep;

internal sealed record CloseStep(bool Abort) : ScriptStep;

internal sealed record NeverRespondStep : ScriptStep;
