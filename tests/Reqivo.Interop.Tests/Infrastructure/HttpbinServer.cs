using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;

namespace Reqivo.Interop.Tests.Infrastructure;

/// <summary>
/// The httpbin peer started by <c>build/interop/httpbin.sh</c> (Debian's python3-httpbin under gunicorn): its port,
/// read from <c>artifacts/interop/httpbin/server.env</c>. When it is not running every test of the class fails with a
/// message that says how to start it.
/// </summary>
public sealed class HttpbinServer
{
    private const string HowToStart =
        "Run the interop tier with `./build.sh interop` (it starts and stops httpbin), or start the server yourself with " +
        "`build/interop/httpbin.sh start` before `dotnet test tests/Reqivo.Interop.Tests`.";

    public HttpbinServer()
    {
        string serverEnv = Path.Combine(RepositoryRoot.Find(), "artifacts", "interop", "httpbin", "server.env");
        if (!File.Exists(serverEnv))
        {
            throw new InvalidOperationException($"httpbin is not running: {serverEnv} does not exist. {HowToStart}");
        }

        IReadOnlyDictionary<string, string> server = KeyValueFile.Read(serverEnv);
        Port = int.Parse(server.Require("port", serverEnv), CultureInfo.InvariantCulture);

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(IPAddress.Loopback, Port);
        }
        catch (SocketException exception)
        {
            throw new InvalidOperationException($"httpbin does not answer on 127.0.0.1:{Port} ({exception.SocketErrorCode}). {HowToStart}", exception);
        }
    }

    /// <summary>The HTTP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The server's base address.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>An absolute URL on the server.</summary>
    public string Url(string pathAndQuery) => $"http://127.0.0.1:{Port}{pathAndQuery}";

    /// <summary>A session whose relative URLs go to httpbin.</summary>
    public Session CreateSession() => new(new SessionOptions { BaseAddress = BaseAddress });
}
