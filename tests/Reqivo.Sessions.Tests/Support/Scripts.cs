using System;
using Reqivo.TestServers;

namespace Reqivo.Sessions.Tests.Support;

/// <summary>Server scripts and addresses shared by the tests against <see cref="ScriptedTcpServer"/>.</summary>
internal static class Scripts
{
    /// <summary>The end of a request head.</summary>
    public const string EndOfHead = "\r\n\r\n";

    /// <summary>A complete, keep-alive response with a two-byte body.</summary>
    public const string Ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    /// <summary>Answers one request with <see cref="Ok"/> and keeps the connection open until the client closes it.</summary>
    public static ServerScript AnswersOk() => new ServerScript().ReceiveUntil(EndOfHead).Send(Ok).NeverRespond();

    /// <summary>A server that plays <paramref name="hostile"/> on its first connection and <see cref="AnswersOk"/> on the others.</summary>
    public static ScriptedTcpServer HostileThenGood(ServerScript hostile) =>
        new(index => index == 0 ? hostile : AnswersOk());

    /// <summary>The server's plain base address, <c>http://127.0.0.1:port/</c>.</summary>
    public static Uri HttpBase(ScriptedTcpServer server) => new($"http://127.0.0.1:{server.Port}/");
}
