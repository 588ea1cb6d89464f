using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using Reqivo.Interop.Tests.Infrastructure;

namespace Reqivo.Interop.Tests.WebSockets;

/// <summary>
/// The python3-websockets peer started by <c>build/interop/websockets.sh</c>: its port, read from
/// <c>artifacts/interop/websockets/server.env</c>, and the script itself, so a test can stop and restart the server.
/// When it is not running every test of the class fails with a message that says how to start it.
/// </summary>
public sealed class WebSocketsServer
{
    private const string HowToStart =
        "Run the interop tier with `./build.sh interop` (it starts and stops the peers), or start the server yourself with " +
        "`build/interop/websockets.sh start` before `dotnet test tests/Reqivo.Interop.Tests`.";

    private readonly string _root;

    public WebSocketsServer()
    {
        _root = RepositoryRoot.Find();
        string serverEnv = Path.Combine(_root, "artifacts", "interop", "websockets", "server.env");
        if (!File.Exists(serverEnv))
        {
            throw new InvalidOperationException($"The websockets server is not running: {serverEnv} does not exist. {HowToStart}");
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
            throw new InvalidOperationException($"The websockets server does not answer on 127.0.0.1:{Port} ({exception.SocketErrorCode}). {HowToStart}", exception);
        }
    }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>A ws:// URI on the server.</summary>
    public Uri Uri(string pathAndQuery) => new($"ws://127.0.0.1:{Port}{pathAndQuery}");

    /// <summary>Stops the server with its script (it closes every connection with 1001 first) and waits for the script.</summary>
    public void Stop() => RunScript("stop");

    /// <summary>Starts the server again on the same port.</summary>
    public void Start() => RunScript("start");

    private void RunScript(string verb)
    {
        var start = new ProcessStartInfo("bash", ["build/interop/websockets.sh", verb])
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["REQIVO_WEBSOCKETS_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"build/interop/websockets.sh {verb} failed ({process.ExitCode}): {output}");
        }
    }
}
