using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Transport;

namespace Reqivo.Transport.Tests;

/// <summary>Calls the blocking or the asynchronous API, so each test runs once per mode.</summary>
internal static class Io
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    public static async ValueTask<ITransportConnection> ConnectAsync(
        ITransport transport, TransportEndpoint endpoint, bool async, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        async
            ? await transport.ConnectAsync(endpoint, timeout ?? Generous, cancellationToken)
            : transport.Connect(endpoint, timeout ?? Generous, cancellationToken);

    public static async ValueTask WriteAsync(Stream stream, byte[] bytes, bool async, CancellationToken cancellationToken = default)
    {
        if (async)
        {
            await stream.WriteAsync(bytes, cancellationToken);
        }
        else
        {
            stream.Write(bytes);
        }
    }

    public static async ValueTask<int> ReadAsync(Stream stream, byte[] buffer, bool async, CancellationToken cancellationToken = default) =>
        async ? await stream.ReadAsync(buffer, cancellationToken) : stream.Read(buffer);

    public static async ValueTask<byte[]> ReadExactlyAsync(Stream stream, int count, bool async, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[count];
        if (async)
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
        }
        else
        {
            stream.ReadExactly(buffer);
        }

        return buffer;
    }

    /// <summary>Sends <paramref name="payload"/> and reads the same number of bytes back.</summary>
    public static async ValueTask<byte[]> EchoAsync(ITransportConnection connection, byte[] payload, bool async)
    {
        await WriteAsync(connection.Stream, payload, async);
        return await ReadExactlyAsync(connection.Stream, payload.Length, async);
    }

    /// <summary>Waits (bounded) for a condition that depends on the kernel delivering something; the caller asserts the result.</summary>
    public static bool Eventually(Func<bool> condition) => SpinWait.SpinUntil(condition, Generous);

    public static string TempSocketPath() =>
        Path.Combine(Path.GetTempPath(), $"reqivo-{Guid.NewGuid():N}"[..20] + ".sock");
}
