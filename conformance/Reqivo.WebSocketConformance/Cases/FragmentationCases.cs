namespace Reqivo.WebSocketConformance.Cases;

/// <summary>Group 5: fragmentation (RFC 6455 §5.4), legal and illegal.</summary>
internal static class FragmentationCases
{
    private static readonly int[] ProtocolError = [1002];

    public static void Register(CaseFactory f)
    {
        f.Add("5.1", c => FragmentedControl(c, 9));
        f.Add("5.2", c => FragmentedControl(c, 10));
        f.Add("5.3", c => TwoFragments(c, ping: false, chop: null, sync: false));
        f.Add("5.4", c => TwoFragments(c, ping: false, chop: null, sync: true));
        f.Add("5.5", c => TwoFragments(c, ping: false, chop: 1, sync: false));
        f.Add("5.6", c => TwoFragments(c, ping: true, chop: null, sync: false));
        f.Add("5.7", c => TwoFragments(c, ping: true, chop: null, sync: true));
        f.Add("5.8", c => TwoFragments(c, ping: true, chop: 1, sync: false));
        f.Add("5.9", c => NothingToContinue(c, fin: true, chop: null, sync: false));
        f.Add("5.10", c => NothingToContinue(c, fin: true, chop: null, sync: true));
        f.Add("5.11", c => NothingToContinue(c, fin: true, chop: 1, sync: false));
        f.Add("5.12", c => NothingToContinue(c, fin: false, chop: null, sync: false));
        f.Add("5.13", c => NothingToContinue(c, fin: false, chop: null, sync: true));
        f.Add("5.14", c => NothingToContinue(c, fin: false, chop: 1, sync: false));
        f.Add("5.15", c =>
        {
            c.ExpectOk(Observation.Message("fragment1fragment2"));
            c.ExpectNonStrict();
            c.ExpectedClose = new ExpectedClose(false, ProtocolError, false);
            c.P.SendFrame(1, U("fragment1"), fin: false);
            c.P.SendFrame(0, U("fragment2"), fin: true);
            c.P.SendFrame(0, U("fragment3"), fin: false);
            c.P.SendFrame(1, U("fragment4"), fin: true);
            c.P.KillAfter(1);
        });
        f.Add("5.16", c => RepeatedNothingToContinue(c, fin: false));
        f.Add("5.17", c => RepeatedNothingToContinue(c, fin: true));
        f.Add("5.18", c =>
        {
            c.ExpectOk();
            c.ExpectedClose = new ExpectedClose(false, ProtocolError, false);
            c.P.SendFrame(1, U("fragment1"), fin: false);
            c.P.SendFrame(1, U("fragment2"), fin: true);
            c.P.KillAfter(1);
        });
        f.Add("5.19", c => PingsBetweenFragments(c, sync: false));
        f.Add("5.20", c => PingsBetweenFragments(c, sync: true));
    }

    private static byte[] U(string text) => CaseFactory.Utf8(text);

    private static void FragmentedControl(ScriptedCase c, int opcode)
    {
        c.ExpectOk();
        c.ExpectedClose = new ExpectedClose(false, ProtocolError, false);
        c.P.SendFrame(opcode, U("fragment1"), fin: false);
        c.P.SendFrame(0, U("fragment2"), fin: true);
        c.P.KillAfter(1);
    }

    private static void TwoFragments(ScriptedCase c, bool ping, int? chop, bool sync)
    {
        if (ping)
        {
            c.ExpectOk(Observation.Pong("ping payload"), Observation.Message("fragment1fragment2"));
        }
        else
        {
            c.ExpectOk(Observation.Message("fragment1fragment2"));
        }

        c.ExpectedClose = new ExpectedClose(true, CaseScript.Normal, true);
        c.P.SendFrame(1, U("fragment1"), fin: false, chop: chop, sync: sync);
        if (ping)
        {
            c.P.SendFrame(9, U("ping payload"), chop: chop, sync: sync);
        }

        c.P.SendFrame(0, U("fragment2"), fin: true, chop: chop, sync: sync);
        c.P.KillAfter(1);
    }

    private static void NothingToContinue(ScriptedCase c, bool fin, int? chop, bool sync)
    {
        c.ExpectOk();
        c.ExpectedClose = new ExpectedClose(false, ProtocolError, false);
        c.P.SendFrame(0, U("non-continuation payload"), fin: fin, chop: chop, sync: sync);
        c.P.SendFrame(1, U("Hello, world!"), chop: chop, sync: sync);
        c.P.KillAfter(1);
    }

    private static void RepeatedNothingToContinue(ScriptedCase c, bool fin)
    {
        c.ExpectOk();
        c.ExpectedClose = new ExpectedClose(false, ProtocolError, false);
        for (int i = 0; i < 2; i++)
        {
            c.P.SendFrame(0, U("fragment1"), fin: fin);
            c.P.SendFrame(1, U("fragment2"), fin: false);
            c.P.SendFrame(0, U("fragment3"), fin: true);
        }

        c.P.KillAfter(1);
    }

    private static void PingsBetweenFragments(ScriptedCase c, bool sync)
    {
        string[] fragments = ["fragment1", "fragment2", "fragment3", "fragment4", "fragment5"];
        c.ExpectOk(Observation.Pong("pongme 1!"), Observation.Pong("pongme 2!"), Observation.Message(string.Concat(fragments)));
        c.ExpectedClose = new ExpectedClose(true, CaseScript.Normal, true);
        c.P.SendFrame(1, U(fragments[0]), fin: false, sync: sync);
        c.P.SendFrame(0, U(fragments[1]), fin: false, sync: sync);
        c.P.SendFrame(9, U("pongme 1!"), sync: sync);
        c.P.ContinueLater(1, () =>
        {
            c.P.SendFrame(0, U(fragments[2]), fin: false, sync: sync);
            c.P.SendFrame(0, U(fragments[3]), fin: false, sync: sync);
            c.P.SendFrame(9, U("pongme 2!"), sync: sync);
            c.P.SendFrame(0, U(fragments[4]), fin: true, sync: sync);
            c.P.CloseAfter(1);
        });
    }
}
