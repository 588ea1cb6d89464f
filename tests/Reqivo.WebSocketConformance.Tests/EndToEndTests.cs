using System;
using System.Collections.Generic;
using System.IO;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using Reqivo.Tests;
using Reqivo.WebSocketConformance.Cases;
using Reqivo.WebSocketConformance.Server;

namespace Reqivo.WebSocketConformance.Tests;

/// <summary>
/// The server judged against .NET's ClientWebSocket (an echo driver like the Autobahn ones) on a few cases whose
/// verdicts are certain: a valid echo, a ping, and invalid UTF-8, which ClientWebSocket rejects with 1007.
/// </summary>
public sealed class EndToEndTests
{
    [VectorFact]
    public async Task ClientWebSocket_gets_the_verdicts_it_deserves()
    {
        CaseCatalogue catalogue = CaseCatalogue.Load(TestVectors.PathOf("websocket/autobahn-cases.json"));
        List<CaseInfo> selected = catalogue.Select(["1.1.2", "2.2", "6.3.1"], []);
        string reports = Path.Combine(Path.GetTempPath(), "wsconf-tests-" + Guid.NewGuid().ToString("N"));
        var options = new ServerOptions { Port = 0, ReportDirectory = reports };
        var server = new FuzzingServer(options, selected, new CaseFactory(new CaseLimits(1024, 10)));
        var allJudged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int judged = 0;
        server.CaseCompleted += _ =>
        {
            if (Interlocked.Increment(ref judged) == selected.Count)
            {
                allJudged.TrySetResult();
            }
        };
        using var stop = new CancellationTokenSource();
        Task running = server.RunAsync(stop.Token);
        int port = await server.Listening;

        for (int i = 1; i <= selected.Count; i++)
        {
            await EchoAsync(new Uri($"ws://127.0.0.1:{port}/runCase?case={i}&agent=dotnet"));
        }

        // The client may see the end of a case before the server has judged it: wait for the verdicts.
        await allJudged.Task;
        IReadOnlyDictionary<string, CaseResult> results = server.ResultsFor("dotnet");
        await stop.CancelAsync();
        await running;

        Assert.Equal(Verdict.Ok, results["1.1.2"].Behavior);
        Assert.Equal(Verdict.Ok, results["1.1.2"].BehaviorClose);
        Assert.Equal(Verdict.Ok, results["2.2"].Behavior);
        Assert.Equal(Verdict.Ok, results["6.3.1"].Behavior);
        Assert.Equal(1007, results["6.3.1"].RemoteCloseCode);
        Assert.False(results["6.3.1"].ClosedByMe);
    }

    private static async Task EchoAsync(Uri uri)
    {
        using var client = new ClientWebSocket();
        await client.ConnectAsync(uri, CancellationToken.None);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await client.ReceiveAsync(buffer, CancellationToken.None);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }

                await client.SendAsync(message.ToArray(), result.MessageType, true, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // The server dropped the connection, or the client failed it (invalid UTF-8): the verdict tells which.
        }
    }
}
