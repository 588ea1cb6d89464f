using System;
using System.Collections.Generic;
using Reqivo.WebSocketConformance.Cases;

namespace Reqivo.WebSocketConformance.Tests;

/// <summary>The verdict rules of Autobahn's Case.onConnectionLost, on recorded events and closing facts.</summary>
public sealed class JudgingTests
{
    private static readonly CaseInfo Info = new("6.4.1", "6", "", "", "", null, null, null, null);

    [Theory]
    [InlineData(1, Verdict.Ok)]
    [InlineData(2, Verdict.NonStrict)]
    public void Fail_fast_is_OK_and_fail_at_end_NON_STRICT(int timeouts, string expected)
    {
        ScriptedCase script = FailFastCase(new FakeFuzzer { ClosedByMe = false, RemoteCloseCode = 1007 });
        script.Received.Add(Observation.Timeout("A"));
        if (timeouts == 2)
        {
            script.Received.Add(Observation.Timeout("B"));
        }

        script.OnConnectionLost();

        Assert.Equal(expected, script.Behavior);
        Assert.Equal(Verdict.Ok, script.BehaviorClose);
    }

    [Fact]
    public void Closed_by_the_wrong_endpoint_is_fatal_in_UTF8_cases()
    {
        ScriptedCase script = FailFastCase(new FakeFuzzer { ClosedByMe = true });
        script.Received.Add(Observation.Timeout("A"));

        script.OnConnectionLost();

        Assert.Equal(Verdict.Failed, script.Behavior);
        Assert.Equal(Verdict.Failed, script.BehaviorClose);
    }

    [Fact]
    public void A_wrong_close_code_is_reported_beside_the_verdict()
    {
        var script = new ScriptedCase(Info, c =>
        {
            c.ExpectOk();
            c.ExpectedClose = new ExpectedClose(false, [1002], false);
        });
        script.Attach(new FakeFuzzer { RemoteCloseCode = 1000 });
        script.OnOpen();

        script.OnConnectionLost();

        Assert.Equal(Verdict.Ok, script.Behavior);
        Assert.Equal(Verdict.WrongCode, script.BehaviorClose);
    }

    [Fact]
    public void A_client_protocol_violation_fails_the_case()
    {
        var script = new ScriptedCase(Info, c =>
        {
            c.ExpectOk();
            c.ExpectedClose = new ExpectedClose(false, [1007], false);
        });
        script.Attach(new FakeFuzzer());
        script.OnOpen();
        script.Received.Add(Observation.ClientViolation("invalid UTF-8 in text message from the client"));

        script.OnConnectionLost();

        Assert.Equal(Verdict.Failed, script.Behavior);
    }

    private static ScriptedCase FailFastCase(FakeFuzzer fuzzer)
    {
        var script = new ScriptedCase(Info, c =>
        {
            c.ExpectOk(Observation.Timeout("A"));
            c.ExpectNonStrict(Observation.Timeout("A"), Observation.Timeout("B"));
            c.ExpectedClose = new ExpectedClose(false, [1007], false, ClosedByWrongEndpointIsFatal: true);
        });
        script.Attach(fuzzer);
        script.OnOpen();
        return script;
    }

    private sealed class FakeFuzzer : IFuzzer
    {
        public ConnectionState State => ConnectionState.Closed;

        public int AutoFragmentSize { get; set; }

        public bool DeflateActive => false;

        public IReadOnlyDictionary<int, int> TxFrameStats { get; } = new Dictionary<int, int>();

        public bool ClosedByMe { get; init; }

        public bool DroppedByMe { get; init; }

        public bool WasClean { get; init; }

        public int? RemoteCloseCode { get; init; }

        public void SendFrame(int opcode, ReadOnlySpan<byte> payload = default, bool fin = true, int rsv = 0, long? repeatToLength = null, int? chop = null, bool sync = false)
        {
        }

        public void SendRaw(byte[] octets, bool sync = false)
        {
        }

        public void SendMessage(byte[] payload, bool binary, int fragmentSize = 0, int? chop = null)
        {
        }

        public void SendClose(int? code, byte[]? reason = null)
        {
        }

        public void ContinueLater(double seconds, Action action, string? tag = null)
        {
        }

        public void KillAfter(double seconds)
        {
        }

        public void CloseAfter(double seconds)
        {
        }
    }
}
