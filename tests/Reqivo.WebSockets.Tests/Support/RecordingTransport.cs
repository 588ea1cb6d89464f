using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Transport;

namespace Reqivo.WebSockets.Tests.Support;

/// <summary>
/// TCP through <see cref="SocketTransport"/>, recording for every read the space the client offered and for every
/// write its length: how the client sizes its buffers and frames its writes is observable on the wire's edge.
/// </summary>
internal sealed class RecordingTransport : ITransport
{
    private readonly SocketTransport _inner = new();

    public ConcurrentQueue<int> ReadSizes { get; } = new();

    public ConcurrentQueue<int> WriteSizes { get; } = new();

    public string Identity => "recording(tcp)";

    public ITransportConnection Connect(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken) =>
        new Connection(_inner.Connect(endpoint, connectTimeout, cancellationToken), this);

    public async ValueTask<ITransportConnection> ConnectAsync(TransportEndpoint endpoint, TimeSpan connectTimeout, CancellationToken cancellationToken) =>
        new Connection(await _inner.ConnectAsync(endpoint, connectTimeout, cancellationToken), this);

    /// <summary>Forgets what the handshake read and wrote.</summary>
    public void Clear()
    {
        ReadSizes.Clear();
        WriteSizes.Clear();
    }

    private sealed class Connection(ITransportConnection inner, RecordingTransport owner) : ITransportConnection
    {
        private readonly RecordingStream _stream = new(inner.Stream, owner);

        public TransportEndpoint Endpoint => inner.Endpoint;

        public Stream Stream => _stream;

        public EndPoint? LocalEndPoint => inner.LocalEndPoint;

        public EndPoint? RemoteEndPoint => inner.RemoteEndPoint;

        public bool IsSecure => inner.IsSecure;

        public string? ApplicationProtocol => inner.ApplicationProtocol;

        public SslProtocols TlsProtocol => inner.TlsProtocol;

        public X509Certificate2? RemoteCertificate => inner.RemoteCertificate;

        public TimeSpan ReadTimeout { get => inner.ReadTimeout; set => inner.ReadTimeout = value; }

        public TimeSpan WriteTimeout { get => inner.WriteTimeout; set => inner.WriteTimeout = value; }

        public bool IsAlive() => inner.IsAlive();

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private sealed class RecordingStream(Stream inner, RecordingTransport owner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            owner.ReadSizes.Enqueue(count);
            return inner.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            owner.ReadSizes.Enqueue(buffer.Length);
            return inner.Read(buffer);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            owner.ReadSizes.Enqueue(buffer.Length);
            return inner.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            owner.WriteSizes.Enqueue(buffer.Length);
            inner.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            owner.WriteSizes.Enqueue(buffer.Length);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
