using System;
using System.Threading;
using System.Threading.Tasks;
using Reqivo;
using Reqivo.Sessions.Tests.Support;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Loopback;

/// <summary>
/// A connection that fails under a read says so; a blocking read is interrupted by the caller's cancellation.
/// </summary>
public sealed class ConnectionFailureTests
{
    [Theory]
    [MemberData(nameof(Modes.SyncAndAsync), MemberType = typeof(Modes))]
    public async Task A_reset_while_reading_names_the_read(bool async)
    {
        var headRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new ScriptedTcpServer(new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead)
            .Send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc")
            .Pause(headRead.Task)
            .Abort());
        using var session = new Session(new SessionOptions { BaseAddress = Scripts.HttpBase(server) });
        using Response response = await session.SendAsync(new Request(HttpMethods.Get, "/x") { StreamResponse = true }, async);
        headRead.SetResult();

        var error = await Assert.ThrowsAsync<ConnectionFailedException>(() => response.ReadAsBytesAsync(async));

        Assert.Contains("reading the response", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_interrupts_a_blocking_read()
    {
        using var cancellation = new CancellationTokenSource();
        // The server cancels once it has the whole request head, while the client waits for the response.
        await using var server = new ScriptedTcpServer(new ServerScript()
            .ReceiveUntil(Scripts.EndOfHead)
            .Respond(_ => { cancellation.Cancel(); return []; })
            .NeverRespond());
        using var session = new Session(new SessionOptions
        {
            BaseAddress = Scripts.HttpBase(server),
            Timeouts = new Timeouts { Read = TimeSpan.FromSeconds(10) },
        });

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Task.Run(() => session.Send(new Request(HttpMethods.Get, "/x"), cancellation.Token)));

        // Interrupted by closing the connection, not by the read timing out later.
        Assert.IsNotType<ReadTimeoutException>(error.InnerException);
    }
}
