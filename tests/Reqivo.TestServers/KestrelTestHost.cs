using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Reqivo.TestServers;

/// <summary>
/// An in-process Kestrel server on 127.0.0.1 with an ephemeral port, speaking HTTP/1.1 only (optionally over TLS with
/// <see cref="TestCertificates.Localhost"/>), serving the endpoints listed in <c>KestrelTestEndpoints</c>.
/// It is a well-behaved, independent peer; hostile peers belong to the scripted raw-TCP server.
/// </summary>
/// <remarks>
/// Kestrel has no synchronous start or stop, so <see cref="Start"/> and <see cref="Dispose"/> wait for the framework's
/// asynchronous ones. That is acceptable here because this is test scaffolding, not Reqivo's I/O path.
/// </remarks>
public sealed class KestrelTestHost : IAsyncDisposable, IDisposable
{
    // Long enough for idle keep-alive connections to receive a clean FIN, short enough that a test blocked in
    // /delay or /slow-body does not hold up disposal: after this, Kestrel aborts what is still running.
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromMilliseconds(500);

    private readonly WebApplication _app;
    private readonly ListenerState _state;
    private int _disposed;

    private KestrelTestHost(WebApplication app, ListenerState state, bool https)
    {
        _app = app;
        _state = state;
        IsHttps = https;
    }

    /// <summary>Whether the host speaks TLS.</summary>
    public bool IsHttps { get; }

    /// <summary>The port Kestrel bound on 127.0.0.1.</summary>
    public int Port =>
        // Kestrel writes the bound endpoint back into the listen options when it binds port 0.
        _state.ListenOptions?.IPEndPoint?.Port ?? throw new InvalidOperationException("The host is not listening.");

    /// <summary>The base address, <c>http://127.0.0.1:port/</c> or <c>https://127.0.0.1:port/</c>.</summary>
    public Uri BaseUri => new($"{(IsHttps ? "https" : "http")}://127.0.0.1:{Port}/");

    /// <summary>TCP connections Kestrel has accepted so far (counted before TLS, so failed handshakes count too).</summary>
    public int ConnectionCount => Volatile.Read(ref _state.Connections);

    /// <summary>HTTP requests that reached the application so far.</summary>
    public int RequestCount => Volatile.Read(ref _state.Requests);

    /// <summary>Builds an address on this host from a path and query such as <c>"bytes/10"</c>.</summary>
    public Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery.TrimStart('/'));

    /// <summary>Starts a host and returns once it is listening.</summary>
    /// <param name="https">Serve TLS with <see cref="TestCertificates.Localhost"/>.</param>
    /// <param name="configure">Adjusts Kestrel (limits, timeouts) after the defaults are applied.</param>
    public static async Task<KestrelTestHost> StartAsync(bool https = false, Action<KestrelServerOptions>? configure = null)
    {
        KestrelTestHost host = Build(https, configure);
        try
        {
            await host._app.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await host._app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return host;
    }

    /// <summary>Starts a host and returns once it is listening (blocks the calling thread meanwhile).</summary>
    /// <param name="https">Serve TLS with <see cref="TestCertificates.Localhost"/>.</param>
    /// <param name="configure">Adjusts Kestrel (limits, timeouts) after the defaults are applied.</param>
    public static KestrelTestHost Start(bool https = false, Action<KestrelServerOptions>? configure = null)
    {
        // Task.Run keeps the wait free of any synchronization context the calling test runs under.
        return Task.Run(() => StartAsync(https, configure)).GetAwaiter().GetResult();
    }

    /// <summary>Stops the server: idle connections are closed at once, requests still running are aborted shortly after.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using (var grace = new CancellationTokenSource(StopGracePeriod))
        {
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the server (blocks the calling thread meanwhile).</summary>
    public void Dispose() => Task.Run(() => DisposeAsync().AsTask()).GetAwaiter().GetResult();

    private static KestrelTestHost Build(bool https, Action<KestrelServerOptions>? configure)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        // The default console lifetime would hook Ctrl+C and SIGTERM of the test process.
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        if (https)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        var state = new ListenerState();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0, listen =>
            {
                state.ListenOptions = listen;
                listen.Protocols = HttpProtocols.Http1;
                // Connection middleware runs once per accepted socket, before TLS: the count is of TCP connections.
                listen.Use(next => connection =>
                {
                    Interlocked.Increment(ref state.Connections);
                    return next(connection);
                });
                if (https)
                {
                    listen.UseHttps(TestCertificates.Localhost);
                }
            });
            configure?.Invoke(options);
        });

        WebApplication app = builder.Build();
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref state.Requests);
            return next(context);
        });
        // WebSocket upgrades (the /ws/ endpoints); a plain HTTP request passes through untouched.
        app.UseWebSockets();
        app.MapTestEndpoints();
        return new KestrelTestHost(app, state, https);
    }

    // Shared with the Kestrel callbacks, which run on Kestrel's threads and, for the options, only when the server starts.
    private sealed class ListenerState
    {
        public int Connections;
        public int Requests;
        public ListenOptions? ListenOptions;
    }

    private sealed class PassiveHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
