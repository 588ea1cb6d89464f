using System;
using System.Globalization;
using System.Threading.Tasks;
using Reqivo.Protocol.WebSockets;
using Reqivo.WebSockets;

namespace Reqivo.WebSocketConformance.Driver;

/// <summary>
/// Speaks the Autobahn fuzzing server's driver protocol with Reqivo's <see cref="WebSocketClient"/>:
/// <c>/getCaseCount</c>, then <c>/runCase?case=N&amp;agent=A</c> for each case, echoing every message back as
/// received (text as text, binary as binary) until the connection ends, then <c>/updateReports?agent=A</c>.
/// One code path for the sync and the async API: the <c>…Async</c> methods use ReceiveAsync/SendAsync, the others
/// Receive/Send, through the same private cores.
/// </summary>
public sealed class AutobahnDriver
{
    private readonly string _baseUri;
    private readonly string _agent;

    /// <param name="baseUri">The server, for example <c>ws://127.0.0.1:9001</c>.</param>
    /// <param name="agent">The agent name the reports are written under.</param>
    public AutobahnDriver(Uri baseUri, string agent)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentException.ThrowIfNullOrEmpty(agent);
        _baseUri = baseUri.ToString().TrimEnd('/');
        _agent = Uri.EscapeDataString(agent);
    }

    /// <summary>
    /// The options of every case connection. The permessage-deflate offer carries <c>client_max_window_bits</c>, as
    /// browsers' do, so the server may ask for a smaller client window (RFC 7692 §7.1.2.2; cases 13.3-13.7).
    /// </summary>
    public static WebSocketOptions CaseOptions { get; } = new()
    {
        PerMessageDeflate = new PerMessageDeflateOptions { ClientMaxWindowBits = 15 },
    };

    /// <summary>Asks the server how many cases it selected.</summary>
    public int GetCaseCount() => Completed(GetCaseCountCore(async: false));

    /// <inheritdoc cref="GetCaseCount"/>
    public ValueTask<int> GetCaseCountAsync() => GetCaseCountCore(async: true);

    /// <summary>Plays case <paramref name="caseNumber"/> (1-based), echoing every message until the connection ends.</summary>
    public void RunCase(int caseNumber) => Completed(RunCaseCore(caseNumber, async: false));

    /// <inheritdoc cref="RunCase"/>
    public ValueTask RunCaseAsync(int caseNumber) => RunCaseCore(caseNumber, async: true);

    /// <summary>Asks the server to write its reports for this agent.</summary>
    public void UpdateReports() => Completed(UpdateReportsCore(async: false));

    /// <inheritdoc cref="UpdateReports"/>
    public ValueTask UpdateReportsAsync() => UpdateReportsCore(async: true);

    /// <summary>The whole run: count, every case, reports. Returns the number of cases run.</summary>
    public int RunAll(Action<int>? started = null) => Completed(RunAllCore(started, async: false));

    /// <inheritdoc cref="RunAll"/>
    public ValueTask<int> RunAllAsync(Action<int>? started = null) => RunAllCore(started, async: true);

    private async ValueTask<int> RunAllCore(Action<int>? started, bool async)
    {
        int count = await GetCaseCountCore(async).ConfigureAwait(false);
        started?.Invoke(count);
        for (int i = 1; i <= count; i++)
        {
            await RunCaseCore(i, async).ConfigureAwait(false);
        }

        await UpdateReportsCore(async).ConfigureAwait(false);
        return count;
    }

    private async ValueTask<int> GetCaseCountCore(bool async)
    {
        string text = await ReceiveOneCore(new Uri($"{_baseUri}/getCaseCount"), async).ConfigureAwait(false);
        return int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private async ValueTask UpdateReportsCore(bool async) =>
        await ReceiveOneCore(new Uri($"{_baseUri}/updateReports?agent={_agent}"), async).ConfigureAwait(false);

    private async ValueTask RunCaseCore(int caseNumber, bool async)
    {
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"{_baseUri}/runCase?case={caseNumber}&agent={_agent}"));
        WebSocketClient client;
        try
        {
            client = async
                ? await WebSocketClient.ConnectAsync(uri, CaseOptions).ConfigureAwait(false)
                : WebSocketClient.Connect(uri, CaseOptions);
        }
        catch (ReqivoException)
        {
            // The server refused the upgrade or dropped the connection: the case is judged on that.
            return;
        }

        try
        {
            while (true)
            {
                WebSocketMessage message = async ? await client.ReceiveAsync().ConfigureAwait(false) : client.Receive();
                if (async)
                {
                    await client.SendAsync(message.Data, message.Type).ConfigureAwait(false);
                }
                else
                {
                    client.Send(message.Data, message.Type);
                }
            }
        }
        catch (ReqivoException)
        {
            // The case ended: closed by the server, or failed by the client for a protocol violation. The server has
            // what it needs to judge it.
        }
        catch (InvalidOperationException)
        {
            // Receive or send after the connection ended.
        }
        finally
        {
            if (async)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                client.Dispose();
            }
        }
    }

    // /getCaseCount and /updateReports send at most one text message, then close.
    private static async ValueTask<string> ReceiveOneCore(Uri uri, bool async)
    {
        WebSocketClient client = async ? await WebSocketClient.ConnectAsync(uri).ConfigureAwait(false) : WebSocketClient.Connect(uri);
        try
        {
            WebSocketMessage message = async ? await client.ReceiveAsync().ConfigureAwait(false) : client.Receive();
            return message.Text;
        }
        catch (ReqivoException)
        {
            return string.Empty;
        }
        finally
        {
            if (async)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                client.Dispose();
            }
        }
    }

    // The sync entry points run the cores with async: false, which only call blocking APIs, so the ValueTask is
    // complete on return: this reads its result, it never waits on asynchronous work.
    private static T Completed<T>(ValueTask<T> pending)
    {
        if (!pending.IsCompleted)
        {
            throw new InvalidOperationException("the sync path went asynchronous");
        }

        return pending.GetAwaiter().GetResult();
    }

    private static void Completed(ValueTask pending)
    {
        if (!pending.IsCompleted)
        {
            throw new InvalidOperationException("the sync path went asynchronous");
        }

        pending.GetAwaiter().GetResult();
    }
}
