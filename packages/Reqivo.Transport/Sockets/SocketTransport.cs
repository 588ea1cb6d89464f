using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.Transport;

/// <summary>
/// Opens TCP connections (any host name or IP literal) and Unix domain socket connections.
/// </summary>
/// <remarks>
/// <para><b>Name resolution.</b> IP literals skip it; other names, <c>localhost</c> included, go to the operating
/// system's resolver. Resolved addresses are tried with IPv6 and IPv4 interleaved (RFC 8305 §4).</para>
/// <para><b>Asynchronous connect</b> races the addresses (RFC 8305 §5): the next attempt starts after
/// <see cref="HappyEyeballsDelay"/> or as soon as the previous fails; the first to connect wins.</para>
/// <para><b>Blocking connect</b> tries the addresses in turn on the calling thread, each with an equal share of the
/// time left, and produces a socket that stays in blocking mode: the cheapest path for blocking I/O (see
/// <see cref="ITransportConnection"/>). It uses no thread-pool thread, so it works when the pool is starved. The
/// blocking name lookup cannot be interrupted: the timeout and cancellation are checked when it returns.</para>
/// <para>The connect timeout covers resolution and every attempt. Thread-safe; configure with the init properties.</para>
/// </remarks>
public sealed class SocketTransport : ITransport
{
    private readonly TimeSpan _happyEyeballsDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>Sets TCP_NODELAY on TCP connections, so small writes leave at once (Nagle's algorithm off). Default <see langword="true"/>.</summary>
    public bool NoDelay { get; init; } = true;

    /// <summary>Sets SO_KEEPALIVE, so the operating system probes idle connections with its default timings. Default <see langword="false"/>.</summary>
    public bool KeepAlive { get; init; }

    /// <summary>
    /// Gives each connection a thread of its own that waits out its asynchronous reads and resumes the reader on that
    /// thread. Default <see langword="false"/>: waiting reads go through the runtime's socket engine, which wakes a
    /// thread-pool thread for every read that has to wait.
    /// </summary>
    /// <remarks>
    /// <para>With the default, a read that has to wait is registered with the runtime's epoll thread, which queues its
    /// continuation to the thread pool: a thread hand-off that dominates the cost of a small request/response exchange
    /// (see docs/performance.md). With this option the socket never meets that engine. It is non-blocking; reads and
    /// writes try the system call first; a read that finds nothing waits in <c>poll</c> on the connection's thread,
    /// which the kernel wakes directly, and the code after the caller's <c>await</c> runs on that thread until it
    /// next waits. Round-trips on one connection cost a fraction of the CPU and come markedly faster (WebSocket echo:
    /// see docs/performance.md).</para>
    /// <para>The costs: one thread per connection (started by the first read that waits, ended when the connection is
    /// disposed); an asynchronous connect that runs the blocking connect on a thread-pool thread (addresses tried in
    /// turn, as <see cref="Connect"/> does, rather than raced); and a write that finds the send buffer full polls for
    /// room on a thread-pool thread. Code that runs after awaiting a read must not block that thread waiting for
    /// another read on the same connection (with <c>.Result</c> or <c>.Wait()</c>), which would deadlock, and long
    /// CPU work there delays that connection's next read; awaiting is always safe, and a captured synchronization
    /// context is honoured as usual. Cancellation and disposal resume the reader on the thread pool. The blocking
    /// stream methods work as well (they poll on the calling thread), but for blocking I/O the default is cheaper.
    /// Suited to a few latency-sensitive connections, such as WebSockets; not to large pools.</para>
    /// </remarks>
    public bool DedicatedReadThread { get; init; }

    /// <summary>How long an asynchronous connect waits on one address before also trying the next (RFC 8305 §5). Default 250 ms.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan HappyEyeballsDelay
    {
        get => _happyEyeballsDelay;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _happyEyeballsDelay = value;
        }
    }

    /// <summary><c>tcp</c>.</summary>
    public string Identity => "tcp";

    /// <summary>How a blocking connect enforces its timeout; tests choose, everyone else gets the platform's best.</summary>
    internal BlockingConnectStrategy BlockingConnectStrategy { get; init; } = BlockingConnect.DefaultStrategy;

    /// <summary>Sees every socket this transport creates, so tests can check that failed attempts release theirs.</summary>
    internal Action<Socket>? SocketCreated { get; init; }

    /// <inheritdoc/>
    public ITransportConnection Connect(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        ValidateArguments(endpoint, connectTimeout);
        return SyncPath.GetResult(ConnectCoreAsync(endpoint, connectTimeout, async: false, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask<ITransportConnection> ConnectAsync(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        ValidateArguments(endpoint, connectTimeout);
        if (DedicatedReadThread)
        {
            // An asynchronous connect would register the socket with the runtime's engine for good (see
            // PolledSocketStream): a blocking connect on a thread-pool thread keeps it out.
            return new ValueTask<ITransportConnection>(Task.Run(
                () => SyncPath.GetResult(ConnectCoreAsync(endpoint, connectTimeout, async: false, cancellationToken)),
                CancellationToken.None));
        }

        return ConnectCoreAsync(endpoint, connectTimeout, async: true, cancellationToken);
    }

    /// <summary>Races connections to the given addresses asynchronously; exposed for tests of the racing itself.</summary>
    internal ValueTask<Socket> ConnectToAnyAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken) =>
        HappyEyeballs.ConnectAsync(addresses, port, CreateTcpSocket, _happyEyeballsDelay, cancellationToken);

    /// <summary>Tries the given addresses in turn with blocking connects; exposed for tests of the budget split.</summary>
    internal Socket ConnectToAny(IPAddress[] addresses, int port, TimeSpan timeout, CancellationToken cancellationToken) =>
        ConnectInTurn(addresses, port, Deadline.After(timeout), cancellationToken);

    private static void ValidateArguments(TransportEndpoint endpoint, TimeSpan connectTimeout)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        TimeoutValues.Validate(connectTimeout, nameof(connectTimeout));
    }

    private async ValueTask<ITransportConnection> ConnectCoreAsync(TransportEndpoint endpoint, TimeSpan connectTimeout, bool async, CancellationToken cancellationToken)
    {
        Deadline deadline = Deadline.After(connectTimeout);
        CancellationTokenSource? timeoutSource = null;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            CancellationToken token = cancellationToken;
            if (async && !deadline.IsInfinite)
            {
                timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeoutSource.CancelAfter(connectTimeout);
                token = timeoutSource.Token;
            }

            Socket socket = endpoint.UnixSocketPath is { } path
                ? await ConnectUnixAsync(path, deadline, async, token).ConfigureAwait(false)
                : await ConnectTcpAsync(endpoint, deadline, async, token).ConfigureAwait(false);
            return new SocketConnection(socket, endpoint, DedicatedReadThread);
        }
        catch (Exception e)
        {
            throw TransportErrors.ConnectFailed(e, endpoint, connectTimeout, deadline.HasExpired, cancellationToken);
        }
        finally
        {
            timeoutSource?.Dispose();
        }
    }

    private async ValueTask<Socket> ConnectTcpAsync(TransportEndpoint endpoint, Deadline deadline, bool async, CancellationToken token)
    {
        IPAddress[] addresses = endpoint.Address is { } literal
            ? [literal]
            : async
                ? await Dns.GetHostAddressesAsync(endpoint.Host, token).ConfigureAwait(false)
                : Dns.GetHostAddresses(endpoint.Host);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        addresses = AddressOrdering.Interleave(addresses);
        return async
            ? await HappyEyeballs.ConnectAsync(addresses, endpoint.Port, CreateTcpSocket, _happyEyeballsDelay, token).ConfigureAwait(false)
            : ConnectInTurn(addresses, endpoint.Port, deadline, token);
    }

    private Socket ConnectInTurn(IPAddress[] addresses, int port, Deadline deadline, CancellationToken cancellationToken)
    {
        SocketException? lastFailure = null;
        for (int i = 0; i < addresses.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (deadline.HasExpired)
            {
                throw new SocketException((int)SocketError.TimedOut);
            }

            // Without parallel attempts a silent address would eat the whole budget: each attempt gets an equal
            // share of the time left, the last one all of it.
            TimeSpan budget = deadline.IsInfinite ? Timeout.InfiniteTimeSpan : deadline.Remaining / (addresses.Length - i);
            Socket socket = CreateTcpSocket(addresses[i].AddressFamily);
            try
            {
                BlockingConnect.Connect(socket, new IPEndPoint(addresses[i], port), budget, BlockingConnectStrategy, cancellationToken);
                return socket;
            }
            catch (SocketException e) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                lastFailure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        // Every address failed: the last failure speaks for all (they usually agree).
        throw lastFailure!;
    }

    private async ValueTask<Socket> ConnectUnixAsync(string path, Deadline deadline, bool async, CancellationToken token)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        SocketCreated?.Invoke(socket);
        try
        {
            var remote = new UnixDomainSocketEndPoint(path);
            if (async)
            {
                await socket.ConnectAsync(remote, token).ConfigureAwait(false);
            }
            else
            {
                BlockingConnect.Connect(socket, remote, deadline.Remaining, BlockingConnectStrategy.SendTimeout, token);
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private Socket CreateTcpSocket(AddressFamily family)
    {
        var socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        SocketCreated?.Invoke(socket);
        try
        {
            socket.NoDelay = NoDelay;
            if (KeepAlive)
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
