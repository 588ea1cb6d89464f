using System.Security.Cryptography;
using Reqivo.WebSocketConformance.Protocol;

namespace Reqivo.WebSocketConformance.Cases;

/// <summary>What an echo series sends: one message at a time, each echoed before the next goes out.</summary>
internal sealed record EchoSeries(int Count, Func<int, byte[]> Message, bool Binary, int FragmentSize, int? Chop, double TimeoutSeconds);

/// <summary>
/// Groups 9, 10, 12 and 13: messages sent one after another, each echo checked (type, length, SHA-256) before the
/// next; OK when all came back in time (no expected event list: the verdict is set here, the close judged as usual). Compression cases are UNIMPLEMENTED when no permessage-deflate was agreed.
/// </summary>
internal sealed class EchoSeriesCase(CaseInfo info, EchoSeries series, IReadOnlyList<DeflateAcceptPolicy>? deflatePolicies = null) : CaseScript(info)
{
    private int _sent;
    private bool _finished;
    private byte[] _expectedHash = [];
    private int _expectedLength;

    public override IReadOnlyList<DeflateAcceptPolicy>? DeflatePolicies => deflatePolicies;

    public override void OnOpen()
    {
        ExpectedClose = new ExpectedClose(true, Normal, true);
        if (deflatePolicies is not null && !P.DeflateActive)
        {
            Behavior = Verdict.Unimplemented;
            Result = "The client did not offer (or the fuzzer could not accept) permessage-deflate.";
            P.SendClose(1000);
            return;
        }

        Behavior = Verdict.Failed;
        Result = $"Case did not finish within {series.TimeoutSeconds} seconds.";
        P.CloseAfter(series.TimeoutSeconds);
        SendNext();
    }

    public override void OnMessage(byte[] payload, bool binary)
    {
        if (_finished || _sent == 0)
        {
            return;
        }

        string? problem = binary != series.Binary ? $"Echoed message type differs (got binary {binary}, expected {series.Binary})."
            : payload.Length != _expectedLength ? $"Echoed message length differs (got {payload.Length}, expected {_expectedLength})."
            : !SHA256.HashData(payload).AsSpan().SequenceEqual(_expectedHash) ? "Echoed message content differs from what was sent."
            : null;
        if (problem is not null)
        {
            Result = $"Message {_sent}: {problem}";
            _finished = true;
            P.SendClose(1000);
        }
        else if (_sent < series.Count)
        {
            SendNext();
        }
        else
        {
            Behavior = Verdict.Ok;
            _finished = true;
            Result = $"Received all {series.Count} echoed messages in time.";
            P.SendClose(1000);
        }
    }

    private void SendNext()
    {
        byte[] message = series.Message(_sent);
        _expectedHash = SHA256.HashData(message);
        _expectedLength = message.Length;
        _sent++;
        P.SendMessage(message, series.Binary, series.FragmentSize, series.Chop);
    }
}
