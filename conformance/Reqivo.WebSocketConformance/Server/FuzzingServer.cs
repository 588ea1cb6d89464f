using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Reqivo.WebSocketConformance.Cases;
using Reqivo.WebSocketConformance.Protocol;
using Reqivo.WebSocketConformance.Reporting;

namespace Reqivo.WebSocketConformance.Server;

/// <summary>
/// The fuzzing server: a TcpListener on 127.0.0.1 speaking Autobahn's URL protocol — /getCaseCount,
/// /getCaseInfo?case=N, /runCase?case=N&amp;agent=A (N is 1-based in the selected list), /updateReports?agent=A.
/// </summary>
internal sealed class FuzzingServer
{
    private readonly ServerOptions _options;
    private readonly IReadOnlyList<CaseInfo> _cases;
    private readonly CaseFactory _factory;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, CaseResult>> _results = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Task, byte> _casesInFlight = new();

    public FuzzingServer(ServerOptions options, IReadOnlyList<CaseInfo> cases, CaseFactory factory)
    {
        _options = options;
        _cases = cases;
        _factory = factory;
    }

    /// <summary>Completes with the port once the listener accepts connections.</summary>
    public Task<int> Listening => _listening.Task;

    /// <summary>Raised once a case has been judged and recorded.</summary>
    public event Action<CaseResult>? CaseCompleted;

    /// <summary>The verdicts recorded so far for an agent, by case id.</summary>
    public IReadOnlyDictionary<string, CaseResult> ResultsFor(string agent) =>
        _results.TryGetValue(agent, out ConcurrentDictionary<string, CaseResult>? results) ? results : new Dictionary<string, CaseResult>();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var listener = new TcpListener(IPAddress.Loopback, _options.Port);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"listening on {port}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_cases.Count} cases selected; report directory {Path.GetFullPath(_options.ReportDirectory)}"));
        _listening.TrySetResult(port);
        try
        {
            while (!linked.IsCancellationRequested)
            {
                Socket socket = await listener.AcceptSocketAsync(linked.Token).ConfigureAwait(false);
                _ = Task.Run(() => ServeAsync(socket, linked.Token), CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            listener.Stop();
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        socket.NoDelay = true;
        var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            UpgradeRequest? request;
            using (var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                handshakeTimeout.CancelAfter(TimeSpan.FromSeconds(10));
                request = await UpgradeRequest.ReadAsync(stream, handshakeTimeout.Token).ConfigureAwait(false);
            }

            if (request is null || request.Problem() is string)
            {
                await RejectAsync(stream, request?.Problem() ?? "not an HTTP/1.1 GET request").ConfigureAwait(false);
                return;
            }

            await DispatchAsync(socket, stream, request).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A client that went away during the handshake; nothing to judge.
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            socket.Dispose();
        }
    }

    private async Task DispatchAsync(Socket socket, NetworkStream stream, UpgradeRequest request)
    {
        request.Query.TryGetValue("agent", out string? agent);
        switch (request.Path)
        {
            case "/getCaseCount":
                await RunCommandAsync(socket, stream, request, c =>
                {
                    c.SendMessage(Encoding.UTF8.GetBytes(_cases.Count.ToString(CultureInfo.InvariantCulture)), binary: false);
                    c.SendClose(1000);
                }).ConfigureAwait(false);
                return;
            case "/getCaseInfo":
                CaseInfo? info = CaseAt(request);
                if (info is null)
                {
                    await RejectAsync(stream, "unknown case").ConfigureAwait(false);
                    return;
                }

                await RunCommandAsync(socket, stream, request, c =>
                {
                    string json = JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = info.Id, ["description"] = info.Description });
                    c.SendMessage(Encoding.UTF8.GetBytes(json), binary: false);
                    c.SendClose(1000);
                }).ConfigureAwait(false);
                return;
            case "/updateReports":
                if (string.IsNullOrEmpty(agent))
                {
                    await RejectAsync(stream, "need agent to update reports for").ConfigureAwait(false);
                    return;
                }

                // A driver may ask for reports while the last case is still being judged (it saw TCP end first).
                await Task.WhenAll(_casesInFlight.Keys).ConfigureAwait(false);
                await RunCommandAsync(socket, stream, request, c =>
                {
                    WriteReports();
                    c.SendClose(1000);
                }).ConfigureAwait(false);
                if (_options.ExitAfterReport)
                {
                    await _stop.CancelAsync().ConfigureAwait(false);
                }

                return;
            case "/runCase":
                CaseInfo? toRun = CaseAt(request);
                if (toRun is null || string.IsNullOrEmpty(agent))
                {
                    await RejectAsync(stream, "need a valid case and an agent").ConfigureAwait(false);
                    return;
                }

                Task run = RunCaseAsync(socket, stream, request, toRun, agent);
                _casesInFlight.TryAdd(run, 0);
                try
                {
                    await run.ConfigureAwait(false);
                }
                finally
                {
                    _casesInFlight.TryRemove(run, out _);
                }

                return;
            default:
                await RejectAsync(stream, "unknown path " + request.Path).ConfigureAwait(false);
                return;
        }
    }

    private CaseInfo? CaseAt(UpgradeRequest request) =>
        request.Query.TryGetValue("case", out string? text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && n <= _cases.Count
            ? _cases[n - 1]
            : null;

    private async Task RunCommandAsync(Socket socket, NetworkStream stream, UpgradeRequest request, Action<FuzzingConnection> onOpen)
    {
        await AcceptAsync(stream, request, null).ConfigureAwait(false);
        using var connection = new FuzzingConnection(socket, stream, null, null, _options.MaxIncomingMessageSize);
        await connection.RunAsync(request.Leftover, onOpen).ConfigureAwait(false);
    }

    private async Task RunCaseAsync(Socket socket, NetworkStream stream, UpgradeRequest request, CaseInfo info, string agent)
    {
        CaseScript script = _factory.Create(info);
        DeflateAgreement? agreement = null;
        if (script.DeflatePolicies is IReadOnlyList<DeflateAcceptPolicy> policies)
        {
            List<DeflateOffer> offers = DeflateOffer.ParseAll(request.Headers.TryGetValue("Sec-WebSocket-Extensions", out List<string>? values) ? values : []);
            agreement = policies.SelectMany(p => offers.Select(p.TryAccept)).FirstOrDefault(a => a is not null);
        }

        await AcceptAsync(stream, request, agreement).ConfigureAwait(false);
        Console.WriteLine($"Running test case ID {info.Id} for agent {agent}");
        var clock = Stopwatch.StartNew();
        using var connection = new FuzzingConnection(socket, stream, script, agreement, _options.MaxIncomingMessageSize);
        await connection.RunAsync(request.Leftover, _ => script.OnOpen()).ConfigureAwait(false);
        await connection.Lost.ConfigureAwait(false);
        CaseResult result = CaseResultBuilder.Build(info, Index(info), agent, script, connection, request, clock.ElapsedMilliseconds);
        _results.GetOrAdd(agent, _ => new ConcurrentDictionary<string, CaseResult>(StringComparer.Ordinal))[info.Id] = result;
        CaseCompleted?.Invoke(result);
    }

    private int Index(CaseInfo info)
    {
        for (int i = 0; i < _cases.Count; i++)
        {
            if (ReferenceEquals(_cases[i], info))
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>True once reports were written and some case of some agent was FAILED.</summary>
    public bool AnyFailed { get; private set; }

    private void WriteReports()
    {
        foreach ((string agent, ConcurrentDictionary<string, CaseResult> results) in _results)
        {
            AnyFailed |= results.Values.Any(r => r.Behavior == Verdict.Failed);
            string summary = ReportWriter.Write(_options.ReportDirectory, agent, _cases, results);
            Console.WriteLine(summary);
        }
    }

    private static async Task AcceptAsync(NetworkStream stream, UpgradeRequest request, DeflateAgreement? agreement)
    {
        var response = new StringBuilder();
        response.Append("HTTP/1.1 101 Switching Protocols\r\n");
        response.Append("Server: Reqivo.WebSocketConformance\r\n");
        response.Append("Upgrade: websocket\r\n");
        response.Append("Connection: Upgrade\r\n");
        response.Append("Sec-WebSocket-Accept: ").Append(UpgradeRequest.AcceptFor(request.Header("Sec-WebSocket-Key")!)).Append("\r\n");
        if (agreement is not null)
        {
            response.Append("Sec-WebSocket-Extensions: ").Append(agreement.ResponseHeader).Append("\r\n");
        }

        response.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response.ToString())).ConfigureAwait(false);
    }

    private static async Task RejectAsync(NetworkStream stream, string reason)
    {
        byte[] body = Encoding.UTF8.GetBytes(reason + "\n");
        string head = string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head)).ConfigureAwait(false);
        await stream.WriteAsync(body).ConfigureAwait(false);
    }
}
