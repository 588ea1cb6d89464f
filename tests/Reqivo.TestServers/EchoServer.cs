using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.TestServers;

/// <summary>TLS settings for an <see cref="EchoServer"/>.</summary>
/// <param name="Certificate">The server certificate (see <see cref="TestCertificates"/>).</param>
/// <param name="ApplicationProtocols">The ALPN protocols the server accepts, most preferred first; empty for no ALPN.</param>
public sealed record EchoServerTls(X509Certificate2 Certificate, IReadOnlyList<string> ApplicationProtocols);

/// <summary>What an <see cref="EchoServer"/> saw on one connection.</summary>
public sealed class EchoSession
{
    internal TaskCompletionSource HandshakeDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the TLS handshake has ended (at once for plain connections).</summary>
    public Task Handshake => HandshakeDone.Task;

    /// <summary>The server name the client sent (SNI); null for plain connections or when none was sent.</summary>
    public string? ServerName { get; internal set; }

    /// <summary>The ALPN protocol agreed on, or null.</summary>
    public string? ApplicationProtocol { get; internal set; }

    /// <summary>Why the TLS handshake failed, or null.</summary>
    public Exception? HandshakeFailure { get; internal set; }
}

/// <summary>
/// Echoes every byte back, over TCP (IPv4 or IPv6) or a Unix domain socket, optionally inside TLS. Records each
/// connection's TLS details. Runs on the thread pool.
/// </summary>
public sealed class EchoServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly EchoServerTls? _tls;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<EchoSession> _sessions = [];
    private readonly List<TaskCompletionSource<EchoSession>> _started = [];
    private readonly List<Task> _running = [];
    private readonly Task _acceptLoop;

    /// <summary>Listens on <paramref name="bindTo"/> (port 0 picks a free one).</summary>
    public EchoServer(EndPoint bindTo, EchoServerTls? tls = null)
    {
        _tls = tls;
        ProtocolType protocol = bindTo is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp;
        _listener = new Socket(bindTo.AddressFamily, SocketType.Stream, protocol);
        _listener.Bind(bindTo);
        _listener.Listen(64);
        EndPoint = _listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Where the server listens.</summary>
    public EndPoint EndPoint { get; }

    /// <summary>The TCP port, or 0 for a Unix domain socket.</summary>
    public int Port => (EndPoint as IPEndPoint)?.Port ?? 0;

    /// <summary>Completes when the connection with the given index (0 for the first) has been accepted.</summary>
    public Task<EchoSession> WaitForSessionAsync(int index)
    {
        lock (_sessions)
        {
            return Signal(index).Task;
        }
    }

    /// <summary>Stops listening, closes every connection and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        Task[] running;
        lock (_sessions)
        {
            running = [_acceptLoop, .. _running];
        }

        await Task.WhenAll(running);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                Socket socket = await _listener.AcceptAsync(_stopping.Token);
                var session = new EchoSession();
                lock (_sessions)
                {
                    _sessions.Add(session);
                    _running.Add(ServeAsync(socket, session));
                    Signal(_sessions.Count - 1).TrySetResult(session);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Disposed.
        }
    }

    private async Task ServeAsync(Socket socket, EchoSession session)
    {
        CancellationToken stopping = _stopping.Token;
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            if (_tls is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                try
                {
                    await ssl.AuthenticateAsServerAsync(ServerOptions(_tls), stopping);
                    session.ServerName = string.IsNullOrEmpty(ssl.TargetHostName) ? null : ssl.TargetHostName;
                    session.ApplicationProtocol = ssl.NegotiatedApplicationProtocol == default ? null : ssl.NegotiatedApplicationProtocol.ToString();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    session.HandshakeFailure = e;
                    return;
                }
                finally
                {
                    session.HandshakeDone.TrySetResult();
                }
            }
            else
            {
                session.HandshakeDone.TrySetResult();
            }

            var buffer = new byte[16 * 1024];
            int count;
            while ((count = await stream.ReadAsync(buffer, stopping)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, count), stopping);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            session.HandshakeDone.TrySetResult();
            await stream.DisposeAsync();
        }
    }

    private static SslServerAuthenticationOptions ServerOptions(EchoServerTls tls)
    {
        var protocols = new List<SslApplicationProtocol>();
        foreach (string protocol in tls.ApplicationProtocols)
        {
            protocols.Add(new SslApplicationProtocol(protocol));
        }

        return new SslServerAuthenticationOptions
        {
            ServerCertificate = tls.Certificate,
            ApplicationProtocols = protocols.Count == 0 ? null : protocols,
        };
    }

    // Called under the lock.
    private TaskCompletionSource<EchoSession> Signal(int index)
    {
        while (_started.Count <= index)
        {
            _started.Add(new TaskCompletionSource<EchoSession>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return _started[index];
    }
}
