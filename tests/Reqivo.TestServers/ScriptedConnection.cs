using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.TestServers;

/// <summary>One connection accepted by a <see cref="ScriptedTcpServer"/>: runs its script and records what it received.</summary>
public sealed class ScriptedConnection
{
    private readonly Socket _socket;
    private readonly ServerScript _script;
    private readonly List<byte> _received = [];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _readBuffer = new byte[4096];
    private int _consumed;

    internal ScriptedConnection(int index, Socket socket, ServerScript script)
    {
        Index = index;
        _socket = socket;
        _script = script;
        RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint!;
    }

    /// <summary>0 for the first connection the server accepted, 1 for the second, and so on.</summary>
    public int Index { get; }

    /// <summary>The client's address and port.</summary>
    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>
    /// Completes when the script has ended and the socket is closed. Never faults: see <see cref="Failure"/>. A graceful
    /// close (<see cref="ServerScript.Close"/>, or the end of the steps) waits for the client to close its side too.
    /// </summary>
    public Task Completion => _completion.Task;

    /// <summary>Why the script stopped early (for example the peer closed before an expected pattern), or null.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Every byte received so far.</summary>
    public byte[] Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary><see cref="Received"/> as Latin-1 text.</summary>
    public string ReceivedText => Encoding.Latin1.GetString(Received);

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (ScriptStep step in _script.Steps)
            {
                if (!await RunStepAsync(step, cancellationToken))
                {
                    return;
                }
            }

            await CloseGracefullyAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server is being disposed.
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or EndOfStreamException)
        {
            Failure = e;
        }
        finally
        {
            _socket.Dispose();
            _completion.TrySetResult();
        }
    }

    /// <summary>Runs one step; false when the step ended the script.</summary>
    private async Task<bool> RunStepAsync(ScriptStep step, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case ReceiveUntilStep receive:
                int end;
                while ((end = FindAfterConsumed(receive.Pattern)) < 0)
                {
                    await ReceiveMoreOrThrowAsync(cancellationToken);
                }

                _consumed = end;
                return true;
            case ReceiveBytesStep receive:
                while (ReceivedCount - _consumed < receive.Count)
                {
                    await ReceiveMoreOrThrowAsync(cancellationToken);
                }

                _consumed += receive.Count;
                return true;
            case SendStep { DelayBetweenBytes: var delay } send when delay > TimeSpan.Zero:
                for (int i = 0; i < send.Bytes.Length; i++)
                {
                    await _socket.SendAsync(send.Bytes.AsMemory(i, 1), SocketFlags.None, cancellationToken);
                    await Task.Delay(delay, cancellationToken);
                }

                return true;
            case SendStep send:
                await _socket.SendAsync(send.Bytes, SocketFlags.None, cancellationToken);
                return true;
            case RespondStep respond:
                await _socket.SendAsync(respond.Answer(Received), SocketFlags.None, cancellationToken);
                return true;
            case PauseStep { Until: { } until }:
                await until.WaitAsync(cancellationToken);
                return true;
            case PauseStep pause:
                await Task.Delay(pause.Delay, cancellationToken);
                return true;
            case CloseStep { Abort: true }:
                _socket.LingerState = new LingerOption(true, 0);
                _socket.Close();
                return false;
            case CloseStep:
                await CloseGracefullyAsync(cancellationToken);
                return false;
            case NeverRespondStep:
                while (await ReceiveMoreAsync(cancellationToken))
                {
                }

                return false;
            default:
                throw new InvalidOperationException($"Unknown step {step}.");
        }
    }

    private int ReceivedCount
    {
        get
        {
            lock (_received)
            {
                return _received.Count;
            }
        }
    }

    private async Task CloseGracefullyAsync(CancellationToken cancellationToken)
    {
        _socket.Shutdown(SocketShutdown.Send);
        while (await ReceiveMoreAsync(cancellationToken))
        {
        }
    }

    private async Task ReceiveMoreOrThrowAsync(CancellationToken cancellationToken)
    {
        if (!await ReceiveMoreAsync(cancellationToken))
        {
            throw new EndOfStreamException("The peer closed the connection before the script's receive step was satisfied.");
        }
    }

    /// <summary>Reads what is available and records it; false at end of stream or when the peer reset.</summary>
    private async Task<bool> ReceiveMoreAsync(CancellationToken cancellationToken)
    {
        int count;
        try
        {
            count = await _socket.ReceiveAsync(_readBuffer, SocketFlags.None, cancellationToken);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return false;
        }

        lock (_received)
        {
            _received.AddRange(_readBuffer.AsSpan(0, count));
        }

        return count > 0;
    }

    /// <summary>The index just past the first occurrence of <paramref name="pattern"/> after the consumed bytes, or -1.</summary>
    private int FindAfterConsumed(byte[] pattern)
    {
        lock (_received)
        {
            int at = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_received)[_consumed..].IndexOf(pattern);
            return at < 0 ? -1 : _consumed + at + pattern.Length;
        }
    }
}
