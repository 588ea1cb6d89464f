namespace Reqivo.WebSocketConformance.Cases;

/// <summary>Groups 1 (framing: text and binary payload lengths) and 2 (pings and pongs).</summary>
internal static class FramingCases
{
    private static readonly int[] Lengths = [0, 125, 126, 127, 128, 65535, 65536];
    private static readonly int[] ProtocolError = [1002];

    public static void Register(CaseFactory f)
    {
        for (int i = 0; i < Lengths.Length; i++)
        {
            int length = Lengths[i];
            f.Add($"1.1.{i + 1}", c => Echo(c, binary: false, length, chop: null));
            f.Add($"1.2.{i + 1}", c => Echo(c, binary: true, length, chop: null));
        }

        f.Add("1.1.8", c => Echo(c, binary: false, 65536, chop: 997));
        f.Add("1.2.8", c => Echo(c, binary: true, 65536, chop: 997));

        f.Add("2.1", c => PingPong(c, []));
        f.Add("2.2", c => PingPong(c, CaseFactory.Utf8("Hello, world!")));
        f.Add("2.3", c => PingPong(c, [0x00, 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0x00, 0xff]));
        f.Add("2.4", c => PingPong(c, Fill(0xfe, 125)));
        f.Add("2.5", c =>
        {
            // RFC 6455 §5.5: control frames carry at most 125 octets.
            c.ExpectOk();
            c.ExpectedClose = new ExpectedClose(false, ProtocolError, false);
            c.P.SendFrame(9, Fill(0xfe, 126));
            c.P.KillAfter(1);
        });
        f.Add("2.6", c => PingPong(c, Fill(0xfe, 125), chop: 1));
        f.Add("2.7", c => UnsolicitedPong(c, []));
        f.Add("2.8", c => UnsolicitedPong(c, CaseFactory.Utf8("unsolicited pong payload")));
        f.Add("2.9", c =>
        {
            c.ExpectOk(Observation.Pong("ping payload"));
            c.ExpectedClose = new ExpectedClose(true, CaseScript.Normal, true);
            c.P.SendFrame(10, CaseFactory.Utf8("unsolicited pong payload"));
            c.P.SendFrame(9, CaseFactory.Utf8("ping payload"));
            c.P.CloseAfter(1);
        });
        f.Add("2.10", c => TenPings(c, chop: null));
        f.Add("2.11", c => TenPings(c, chop: 1));
    }

    private static void Echo(ScriptedCase c, bool binary, int length, int? chop)
    {
        byte[] payload = Fill(binary ? (byte)0xfe : (byte)'*', length);
        c.ExpectOk(Observation.Message(payload, binary));
        c.ExpectedClose = new ExpectedClose(true, CaseScript.Normal, true);
        c.P.SendFrame(binary ? 2 : 1, payload, chop: chop);
        c.P.KillAfter(10);
    }

    private static void PingPong(ScriptedCase c, byte[] payload, int? chop = null)
    {
        c.ExpectOk(Observation.Pong(payload));
        c.ExpectedClose = new ExpectedClose(true, CaseScript.Normal, true);
        c.P.SendFrame(9, payload, chop: chop);
        c.P.KillAfter(1);
    }

    private static void UnsolicitedPong(ScriptedCase c, byte[] payload)
    {
        // RFC 6455 §5.5.3: an unsolicited pong needs no answer.
        c.ExpectOk();
        c.ExpectedClose = new ExpectedClose(true, CaseScript.Normal, true);
        c.P.SendFrame(10, payload);
        c.P.CloseAfter(1);
    }

    private static void TenPings(ScriptedCase c, int? chop)
    {
        var pongs = new List<Observation>();
        for (int i = 0; i < 10; i++)
        {
            byte[] payload = CaseFactory.Utf8($"payload-{i}");
            pongs.Add(Observation.Pong(payload));
            c.P.SendFrame(9, payload, chop: chop, sync: chop is not null);
        }

        c.ExpectOk([.. pongs]);
        c.ExpectedClose = new ExpectedClose(true, CaseScript.Normal, true);
        c.P.CloseAfter(3);
    }

    public static byte[] Fill(byte value, int length)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, value);
        return bytes;
    }
}
