using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Reqivo.Pooling;
using Reqivo.Transport;

namespace Reqivo.Interop.Tests.Infrastructure;

/// <summary>
/// The nginx peer started by <c>build/interop/nginx.sh</c>: its ports, certificate thumbprint and served files, read
/// from <c>artifacts/interop/nginx/</c>. The fixture does not start nginx; when it is not running every test of the
/// class fails with a message that says how to start it (the interop tier never skips silently).
/// </summary>
public sealed class NginxServer
{
    private const string HowToStart =
        "Run the interop tier with `./build.sh interop` (it starts and stops nginx), or start the server yourself with " +
        "`build/interop/nginx.sh start` before `dotnet test tests/Reqivo.Interop.Tests`.";

    private readonly string _directory;

    public NginxServer()
    {
        _directory = Path.Combine(RepositoryRoot.Find(), "artifacts", "interop", "nginx");
        string serverEnv = Path.Combine(_directory, "server.env");
        string certificateFile = Path.Combine(_directory, "cert.sha256");
        if (!File.Exists(serverEnv) || !File.Exists(certificateFile))
        {
            throw new InvalidOperationException($"nginx is not running: {serverEnv} or {certificateFile} does not exist. {HowToStart}");
        }

        IReadOnlyDictionary<string, string> server = KeyValueFile.Read(serverEnv);
        HttpPort = int.Parse(server.Require("http_port", serverEnv), CultureInfo.InvariantCulture);
        HttpsPort = int.Parse(server.Require("https_port", serverEnv), CultureInfo.InvariantCulture);
        EchoAvailable = server.Require("echo", serverEnv) == "yes";
        CertificateThumbprint = KeyValueFile.Read(certificateFile).Require("sha256", certificateFile);

        EnsureRunning();
    }

    /// <summary>The plain HTTP port on 127.0.0.1.</summary>
    public int HttpPort { get; }

    /// <summary>The HTTPS port on 127.0.0.1.</summary>
    public int HttpsPort { get; }

    /// <summary>Whether nginx has the echo module, so <c>POST /echo</c> sends the request body back.</summary>
    public bool EchoAvailable { get; }

    /// <summary>The SHA-256 thumbprint of the server certificate (upper-case hex, no separators).</summary>
    public string CertificateThumbprint { get; }

    /// <summary>The base address of the given port, by IP literal: the certificate names <c>IP:127.0.0.1</c>.</summary>
    public Uri BaseAddress(Scheme scheme) => scheme == Scheme.Http
        ? new Uri($"http://127.0.0.1:{HttpPort}/")
        : new Uri($"https://127.0.0.1:{HttpsPort}/");

    /// <summary>A session for one scheme; on https it trusts the server certificate by its pinned thumbprint.</summary>
    public Session CreateSession(Scheme scheme, ConnectionPoolOptions? pool = null) =>
        CreateSession(scheme, CertificatePin.Trusting(CertificateThumbprint), pool);

    /// <summary>A session for one scheme with the given certificate validation callback (null: the default verification).</summary>
    public Session CreateSession(Scheme scheme, RemoteCertificateValidationCallback? validation, ConnectionPoolOptions? pool = null) =>
        new(new SessionOptions
        {
            BaseAddress = BaseAddress(scheme),
            Pool = pool ?? new ConnectionPoolOptions(),
            Tls = validation is null
                ? new TlsOptions()
                : new TlsOptions { AuthenticationOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = validation } },
        });

    /// <summary>The bytes of a file nginx serves, by its path under <c>www/</c> (for example <c>bytes/1m</c>).</summary>
    public byte[] ReadServedFile(string relativePath) => File.ReadAllBytes(Path.Combine(_directory, "www", relativePath));

    // The files outlive the server: a stale server.env must not pass for a running nginx.
    private void EnsureRunning()
    {
        string pidFile = Path.Combine(_directory, "nginx.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out int pid) || !IsAlive(pid))
        {
            throw new InvalidOperationException($"nginx is not running (no live process in {pidFile}). {HowToStart}");
        }

        foreach (int port in new[] { HttpPort, HttpsPort })
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Connect(IPAddress.Loopback, port);
            }
            catch (SocketException exception)
            {
                throw new InvalidOperationException($"nginx (pid {pid}) does not answer on 127.0.0.1:{port} ({exception.SocketErrorCode}). {HowToStart}", exception);
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
