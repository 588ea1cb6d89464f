using Reqivo.WebSocketConformance.Protocol;

namespace Reqivo.WebSocketConformance.Cases;

/// <summary>
/// A case as Autobahn models it: the script sends on open, every observed event is recorded, and when the
/// connection is lost the recorded events are compared with each expected outcome (OK, NON-STRICT) and the closing
/// behaviour with <see cref="ExpectedClose"/>.
/// </summary>
internal abstract class CaseScript
{
    public static readonly int[] Normal = [1000];

    protected CaseScript(CaseInfo info) => Info = info;

    public CaseInfo Info { get; }

    public IFuzzer P { get; private set; } = null!;

    public List<Observation> Received { get; } = [];

    /// <summary>Expected outcomes in the order they are tried (OK before NON-STRICT).</summary>
    public List<KeyValuePair<string, List<Observation>>> Expected { get; } = [];

    public ExpectedClose ExpectedClose { get; set; } = new(true, Normal, true);

    public string Behavior { get; set; } = Verdict.Failed;

    public string BehaviorClose { get; set; } = Verdict.Failed;

    public string Result { get; set; } = "Actual events differ from any expected.";

    public string ResultClose { get; set; } = "TCP connection was dropped without close handshake";

    /// <summary>True for cases that deliberately close badly: no automatic close once the expectation is met.</summary>
    public bool SuppressClose { get; set; }

    /// <summary>For close-handling cases: a wrong close code from the client fails the case, not only its close.</summary>
    public bool WrongCodeIsFatal { get; set; }

    /// <summary>
    /// The permessage-deflate answers this case may give, tried in order against each offer; null declines every
    /// offer (the fuzzer only negotiates compression in the compression cases, as Autobahn does).
    /// </summary>
    public virtual IReadOnlyList<DeflateAcceptPolicy>? DeflatePolicies => null;

    public void Attach(IFuzzer fuzzer) => P = fuzzer;

    public void ExpectOk(params Observation[] events) => Expected.Add(new(Verdict.Ok, [.. events]));

    public void ExpectNonStrict(params Observation[] events) => Expected.Add(new(Verdict.NonStrict, [.. events]));

    public abstract void OnOpen();

    public virtual void OnMessage(byte[] payload, bool binary)
    {
        Received.Add(Observation.Message(payload, binary));
        FinishWhenDone();
    }

    public virtual void OnPong(byte[] payload)
    {
        Received.Add(Observation.Pong(payload));
        FinishWhenDone();
    }

    /// <summary>Judges the case (Autobahn's Case.onConnectionLost).</summary>
    public virtual void OnConnectionLost()
    {
        foreach (KeyValuePair<string, List<Observation>> outcome in Expected)
        {
            if (Received.SequenceEqual(outcome.Value))
            {
                Behavior = outcome.Key;
                Result = "Actual events match at least one expected.";
                break;
            }
        }

        if (ExpectedClose.ClosedByMe != P.ClosedByMe)
        {
            BehaviorClose = Verdict.Failed;
            ResultClose = "The connection was failed by the wrong endpoint";
        }
        else if (ExpectedClose.RequireClean && !P.WasClean)
        {
            BehaviorClose = Verdict.Unclean;
            ResultClose = "The spec requires the connection to be failed cleanly here";
        }
        else if (P.RemoteCloseCode is int code && !ExpectedClose.CloseCodes.Contains(code))
        {
            BehaviorClose = Verdict.WrongCode;
            ResultClose = $"The close code should have been {string.Join(",", ExpectedClose.CloseCodes)} or empty";
        }
        else
        {
            BehaviorClose = Verdict.Ok;
            ResultClose = "Connection was properly closed";
        }

        // For the UTF-8 cases, closing by the wrong endpoint means the client never detected the invalid payload.
        if (ExpectedClose.ClosedByWrongEndpointIsFatal && ExpectedClose.ClosedByMe != P.ClosedByMe)
        {
            Behavior = Verdict.Failed;
        }

        if (WrongCodeIsFatal && BehaviorClose == Verdict.WrongCode)
        {
            Behavior = Verdict.Failed;
            Result = ResultClose;
        }

        Observation? violation = Received.Find(e => e.Kind == "client-violation");
        if (violation is not null)
        {
            Behavior = Verdict.Failed;
            Result = "The client broke the protocol: " + violation;
        }
    }

    /// <summary>Once the events match every expected outcome, starts the closing handshake when this side should.</summary>
    protected void FinishWhenDone()
    {
        foreach (KeyValuePair<string, List<Observation>> outcome in Expected)
        {
            if (!Received.SequenceEqual(outcome.Value))
            {
                return;
            }
        }

        if (ExpectedClose.ClosedByMe && !SuppressClose)
        {
            P.SendClose(ExpectedClose.CloseCodes[0]);
        }
    }
}

/// <summary>A case whose opening moves are a delegate: most cases are a few sends and an expectation.</summary>
internal sealed class ScriptedCase(CaseInfo info, Action<ScriptedCase> onOpen, Action<ScriptedCase>? afterJudging = null) : CaseScript(info)
{
    public override void OnOpen() => onOpen(this);

    public override void OnConnectionLost()
    {
        base.OnConnectionLost();
        afterJudging?.Invoke(this);
    }
}
