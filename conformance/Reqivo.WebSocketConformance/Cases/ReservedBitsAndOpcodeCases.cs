namespace Reqivo.WebSocketConformance.Cases;

/// <summary>Groups 3 (reserved bits, RFC 6455 §5.2) and 4 (reserved opcodes): the client must fail the connection.</summary>
internal static class ReservedBitsAndOpcodeCases
{
    private static readonly int[] ProtocolError = [1002];
    private static readonly byte[] Hello = CaseFactory.Utf8("Hello, world!");
    private static readonly byte[] BinaryPayload = [0x00, 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0x00, 0xff];

    public static void Register(CaseFactory f)
    {
        f.Add("3.1", c => Single(c, 1, Hello, rsv: 1));
        f.Add("3.2", c => EchoThenBroken(c, () => c.P.SendFrame(1, Hello, rsv: 2), chop: null, sync: false));
        f.Add("3.3", c => EchoThenBroken(c, () => c.P.SendFrame(1, Hello, rsv: 3, sync: true), chop: null, sync: true));
        f.Add("3.4", c => EchoThenBroken(c, () => c.P.SendFrame(1, Hello, rsv: 4, chop: 1), chop: 1, sync: false));
        f.Add("3.5", c => Single(c, 2, BinaryPayload, rsv: 5));
        f.Add("3.6", c => Single(c, 9, Hello, rsv: 6));
        f.Add("3.7", c => Single(c, 8, [], rsv: 7));

        f.Add("4.1.1", c => Single(c, 3, [], rsv: 0));
        f.Add("4.1.2", c => Single(c, 4, CaseFactory.Utf8("reserved opcode payload"), rsv: 0));
        f.Add("4.1.3", c => EchoThenBroken(c, () => c.P.SendFrame(5), chop: null, sync: false));
        f.Add("4.1.4", c => EchoThenBroken(c, () => c.P.SendFrame(6, CaseFactory.Utf8("reserved opcode payload")), chop: null, sync: false));
        f.Add("4.1.5", c => EchoThenBroken(c, () => c.P.SendFrame(7, CaseFactory.Utf8("reserved opcode payload")), chop: null, sync: false));
        f.Add("4.2.1", c => Single(c, 11, [], rsv: 0));
        f.Add("4.2.2", c => Single(c, 12, CaseFactory.Utf8("reserved opcode payload"), rsv: 0));
        f.Add("4.2.3", c => EchoThenBroken(c, () => c.P.SendFrame(13), chop: null, sync: false));
        f.Add("4.2.4", c => EchoThenBroken(c, () => c.P.SendFrame(14, CaseFactory.Utf8("reserved opcode payload")), chop: null, sync: false));
        f.Add("4.2.5", c => EchoThenBroken(c, () => c.P.SendFrame(15, CaseFactory.Utf8("reserved opcode payload")), chop: null, sync: false));
    }

    /// <summary>One broken frame: nothing may come back, the client fails the connection (1002 or drop).</summary>
    private static void Single(ScriptedCase c, int opcode, byte[] payload, int rsv)
    {
        c.ExpectOk();
        c.ExpectedClose = new ExpectedClose(false, ProtocolError, false);
        c.P.SendFrame(opcode, payload, rsv: rsv);
        c.P.KillAfter(1);
    }

    /// <summary>
    /// A valid message, a broken frame, then a ping: OK when the first message is echoed and the ping is not
    /// answered; NON-STRICT when the client failed before echoing.
    /// </summary>
    private static void EchoThenBroken(ScriptedCase c, Action sendBroken, int? chop, bool sync)
    {
        c.ExpectOk(Observation.Message(Hello, binary: false));
        c.ExpectNonStrict();
        c.ExpectedClose = new ExpectedClose(false, ProtocolError, false);
        c.P.SendFrame(1, Hello, chop: chop, sync: sync);
        sendBroken();
        c.P.SendFrame(9, chop: chop, sync: sync);
        c.P.KillAfter(1);
    }
}
