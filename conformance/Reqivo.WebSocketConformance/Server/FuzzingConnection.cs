using System.Net.Sockets;
using System.Threading.Channels;
using Reqivo.WebSocketConformance.Cases;
using Reqivo.WebSocketConformance.Protocol;

namespace Reqivo.WebSocketConformance.Server;

/// <summary>
/// One upgraded connection, playing Autobahn's fuzzing protocol: everything that changes state (received frames,
/// timers, case callbacks) runs under one gate, so a case script sees a single-threaded world as under Twisted;
/// sends are queued and written in order by a writer task. Receiving and judging live in the partial file
/// FuzzingConnection.Receive.cs.
/// </summary>
internal sealed partial class FuzzingConnection : IFuzzer, IDisposable
{
    private const double CloseHandshakeTimeoutSeconds = 1.0;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<Outgoing> _outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<int, int> _txFrameStats = [];
    private readonly CaseScript? _case;
    private readonly MessageDeflater? _deflater;
    private readonly MessageInflater? _inflater;
    private readonly TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FuzzingConnection(Socket socket, NetworkStream stream, CaseScript? script, DeflateAgreement? deflate, long maxMessageSize)
    {
        _socket = socket;
        _stream = stream;
        _case = script;
        MaxMessageSize = maxMessageSize;
        Deflate = deflate;
        if (deflate is not null)
        {
            _deflater = new MessageDeflater(deflate);
            _inflater = new MessageInflater(maxMessageSize);
        }

        script?.Attach(this);
    }

    public ConnectionState State { get; private set; } = ConnectionState.Open;

    public int AutoFragmentSize { get; set; }

    public bool DeflateActive => Deflate is not null;

    public DeflateAgreement? Deflate { get; }

    public long MaxMessageSize { get; }

    public IReadOnlyDictionary<int, int> TxFrameStats => _txFrameStats;

    public bool ClosedByMe { get; private set; }

    public bool FailedByMe { get; private set; }

    public bool DroppedByMe { get; private set; }

    public bool WasClean { get; private set; }

    public string? WasNotCleanReason { get; private set; }

    public bool WasCloseHandshakeTimeout { get; private set; }

    public int? LocalCloseCode { get; private set; }

    public int? RemoteCloseCode { get; private set; }

    public string? RemoteCloseReason { get; private set; }

    /// <summary>Completes once the TCP connection is gone and the case (if any) has been judged.</summary>
    public Task Lost => _lost.Task;

    /// <summary>Runs the connection: the opening action under the gate, then the writer and the reader until TCP ends.</summary>
    public async Task RunAsync(ReadOnlyMemory<byte> alreadyReceived, Action<FuzzingConnection> onOpen)
    {
        Task writer = Task.Run(WriteLoopAsync);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            onOpen(this);
            if (!alreadyReceived.IsEmpty)
            {
                ProcessReceived(alreadyReceived.Span);
            }
        }
        finally
        {
            _gate.Release();
        }

        await ReadLoopAsync().ConfigureAwait(false);
        _outgoing.Writer.TryComplete();
        await writer.ConfigureAwait(false);
    }

    public void SendFrame(int opcode, ReadOnlySpan<byte> payload = default, bool fin = true, int rsv = 0, long? repeatToLength = null, int? chop = null, bool sync = false)
    {
        _txFrameStats[opcode] = _txFrameStats.GetValueOrDefault(opcode) + 1;
        byte[] frame = FrameWriter.Build(opcode, payload, fin, rsv, repeatToLength);
        if (chop is int size && size > 0)
        {
            for (int offset = 0; offset < frame.Length; offset += size)
            {
                Enqueue(new Outgoing(frame[offset..Math.Min(frame.Length, offset + size)], sync, CloseAfterWrite: false));
            }
        }
        else
        {
            Enqueue(new Outgoing(frame, sync, CloseAfterWrite: false));
        }
    }

    public void SendRaw(byte[] octets, bool sync = false) => Enqueue(new Outgoing(octets, sync, CloseAfterWrite: false));

    public void SendMessage(byte[] payload, bool binary, int fragmentSize = 0, int? chop = null)
    {
        int opcode = binary ? FrameWriter.OpBinary : FrameWriter.OpText;
        byte[] body = payload;
        int rsv = 0;
        if (_deflater is not null)
        {
            // RFC 7692 §6: RSV1 on the first frame marks a compressed message.
            body = _deflater.Compress(payload);
            rsv = 4;
        }

        int size = fragmentSize > 0 ? fragmentSize : AutoFragmentSize;
        if (size <= 0 || body.Length <= size)
        {
            SendFrame(opcode, body, true, rsv, chop: chop);
            return;
        }

        for (int offset = 0; offset < body.Length; offset += size)
        {
            int end = Math.Min(body.Length, offset + size);
            bool first = offset == 0;
            SendFrame(first ? opcode : FrameWriter.OpContinuation, body.AsSpan(offset, end - offset), end == body.Length, first ? rsv : 0, chop: chop);
        }
    }

    public void SendClose(int? code, byte[]? reason = null)
    {
        // Autobahn's sendCloseFrame: ignored while closing; from open it starts the closing handshake.
        if (State != ConnectionState.Open)
        {
            return;
        }

        SendFrame(FrameWriter.OpClose, FrameWriter.ClosePayload(code, reason ?? []));
        LocalCloseCode = code;
        State = ConnectionState.Closing;
        ClosedByMe = true;
        ContinueLater(CloseHandshakeTimeoutSeconds, () =>
        {
            if (State == ConnectionState.Closing)
            {
                WasCloseHandshakeTimeout = true;
                WasClean = false;
                WasNotCleanReason = "peer did not respond (in time) in closing handshake";
                Drop();
            }
        });
    }

    public void ContinueLater(double seconds, Action action, string? tag = null) =>
        _ = RunLaterAsync(TimeSpan.FromSeconds(seconds), action);

    public void KillAfter(double seconds) => ContinueLater(seconds, () =>
    {
        FailedByMe = true;
        WasClean = false;
        WasNotCleanReason ??= "I failed the WebSocket connection by dropping the TCP connection";
        Drop();
    });

    public void CloseAfter(double seconds) => ContinueLater(seconds, () => SendClose(null));

    public void Dispose()
    {
        _deflater?.Dispose();
        _inflater?.Dispose();
        // The gate is not disposed: timers of a finished case may still wake up and must find it usable (they then
        // see the closed state and do nothing); a SemaphoreSlim without a wait handle holds no unmanaged resource.
        _stream.Dispose();
        _socket.Dispose();
    }

    /// <summary>
    /// Fails the connection as Autobahn does by default (failByDrop): drop TCP, unclean. The client's fault is also
    /// recorded as an observed event, so no expected outcome can match: a client that breaks the protocol towards the
    /// fuzzer (an unmasked frame, an echo of invalid UTF-8, a forbidden close code) fails the case instead of passing
    /// it by silence.
    /// </summary>
    private void FailConnection(string reason)
    {
        if (State == ConnectionState.Closed)
        {
            return;
        }

        _case?.Received.Add(Observation.ClientViolation(reason));
        FailedByMe = true;
        WasClean = false;
        WasNotCleanReason = reason;
        Drop();
    }

    /// <summary>Closes TCP now (pending writes are abandoned).</summary>
    private void Drop()
    {
        DroppedByMe = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        _socket.Close();
    }

    /// <summary>Closes TCP once everything queued so far is written (after answering a close).</summary>
    private void DropAfterWrites()
    {
        DroppedByMe = true;
        Enqueue(new Outgoing([], Sync: false, CloseAfterWrite: true));
    }

    private void Enqueue(Outgoing item) => _outgoing.Writer.TryWrite(item);

    private async Task RunLaterAsync(TimeSpan delay, Action action)
    {
        await Task.Delay(delay).ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (State != ConnectionState.Closed)
            {
                action();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (Outgoing item in _outgoing.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (item.Octets.Length > 0)
                {
                    await _stream.WriteAsync(item.Octets).ConfigureAwait(false);
                }

                if (item.CloseAfterWrite)
                {
                    _socket.Shutdown(SocketShutdown.Both);
                    _socket.Close();
                    return;
                }

                if (item.Sync)
                {
                    // Autobahn's sync=True: let this piece leave on its own before the next one is written.
                    await Task.Delay(1).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The peer or this side dropped the connection; the reader reports the loss.
        }
    }

    private sealed record Outgoing(byte[] Octets, bool Sync, bool CloseAfterWrite);
}
