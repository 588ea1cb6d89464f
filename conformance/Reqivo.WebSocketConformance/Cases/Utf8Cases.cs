namespace Reqivo.WebSocketConformance.Cases;

/// <summary>
/// Group 6: UTF-8 handling (RFC 6455 §8.1). Valid text must be echoed; invalid text must make the client fail the
/// connection (1007) — and in 6.4.x as soon as the invalid octet arrives (OK) rather than only at the end (NON-STRICT).
/// </summary>
internal static class Utf8Cases
{
    private static readonly int[] InvalidPayload = [1007];

    // κόσμε, then U+10FFFF+1 written as F4 90 80 80 (out of range), then "edited".
    private static readonly byte[] Part1 = [0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5];
    private static readonly byte[] Part2 = [0xf4, 0x90, 0x80, 0x80];
    private static readonly byte[] Part3 = [0x65, 0x64, 0x69, 0x74, 0x65, 0x64];
    private static readonly byte[] Surrogate = [0xed, 0xa0, 0x80];

    public static void Register(CaseFactory f)
    {
        f.Add("6.1.1", c => EchoFragments(c, [[]]));
        f.Add("6.1.2", c => EchoFragments(c, [[], [], []]));
        f.Add("6.1.3", c => EchoFragments(c, [[], CaseFactory.Utf8("middle frame payload"), []]));

        byte[] hello = CaseFactory.Utf8("Hello-\u00b5@\u00df\u00f6\u00e4\u00fc\u00e0\u00e1-UTF-8!!");
        f.Add("6.2.1", c => EchoFragments(c, [hello]));
        f.Add("6.2.2", c => EchoFragments(c, [CaseFactory.Utf8("Hello-\u00b5@\u00df\u00f6\u00e4"), CaseFactory.Utf8("\u00fc\u00e0\u00e1-UTF-8!!")]));
        f.Add("6.2.3", c => EchoFragments(c, hello.Select(b => new[] { b }).ToArray()));
        f.Add("6.2.4", c => EchoFragments(c, Part1.Select(b => new[] { b }).ToArray()));

        byte[] invalid = [.. Part1, .. Surrogate, .. Part3];
        f.Add("6.3.1", c => Invalid(c, invalid, fragmentSize: 0, killAfter: 1));
        f.Add("6.3.2", c => Invalid(c, invalid, fragmentSize: 1, killAfter: 1));

        byte[] whole = [.. Part1, .. Part2, .. Part3];
        f.Add("6.4.1", c => FailFast(c, Part1, Part2, Part3, inOneFrame: false));
        f.Add("6.4.2", c => FailFast(c, whole[..12], whole[12..13], whole[13..], inOneFrame: false));
        f.Add("6.4.3", c => FailFast(c, Part1, Part2, Part3, inOneFrame: true));
        f.Add("6.4.4", c => FailFast(c, whole[..12], whole[12..13], whole[13..], inOneFrame: true));
    }

    /// <summary>6.5-6.23: one text message from utf8-sequences (as embedded in the catalogue).</summary>
    public static CaseScript FromCatalogue(CaseInfo info, byte[] payload, bool valid) =>
        new ScriptedCase(info, c =>
        {
            if (valid)
            {
                c.ExpectOk(Observation.Message(payload, binary: false));
                c.ExpectedClose = new ExpectedClose(true, CaseScript.Normal, true);
            }
            else
            {
                c.ExpectOk();
                c.ExpectedClose = new ExpectedClose(false, InvalidPayload, false, ClosedByWrongEndpointIsFatal: true);
            }

            c.P.SendMessage(payload, binary: false);
            c.P.KillAfter(0.5);
        });

    private static void EchoFragments(ScriptedCase c, byte[][] fragments)
    {
        c.ExpectOk(Observation.Message(fragments.SelectMany(b => b).ToArray(), binary: false));
        c.ExpectedClose = new ExpectedClose(true, CaseScript.Normal, true);
        for (int i = 0; i < fragments.Length; i++)
        {
            c.P.SendFrame(i == 0 ? 1 : 0, fragments[i], fin: i == fragments.Length - 1);
        }

        c.P.KillAfter(1);
    }

    private static void Invalid(ScriptedCase c, byte[] payload, int fragmentSize, double killAfter)
    {
        c.ExpectOk();
        c.ExpectedClose = new ExpectedClose(false, InvalidPayload, false, ClosedByWrongEndpointIsFatal: true);
        c.P.SendMessage(payload, binary: false, fragmentSize: fragmentSize);
        c.P.KillAfter(killAfter);
    }

    /// <summary>
    /// Three parts one second apart, as three frames or as three writes of one frame. The client that fails on the
    /// second part leaves only ("timeout", "A") recorded (OK); one that waits for the end leaves A and B (NON-STRICT).
    /// </summary>
    private static void FailFast(ScriptedCase c, byte[] first, byte[] second, byte[] third, bool inOneFrame)
    {
        c.ExpectOk(Observation.Timeout("A"));
        c.ExpectNonStrict(Observation.Timeout("A"), Observation.Timeout("B"));
        c.ExpectedClose = new ExpectedClose(false, InvalidPayload, false, ClosedByWrongEndpointIsFatal: true);
        byte[]? frame = null;
        int headerLength = 0;
        if (inOneFrame)
        {
            byte[] payload = [.. first, .. second, .. third];
            frame = Protocol.FrameWriter.Build(1, payload);
            headerLength = frame.Length - payload.Length;
            c.P.SendRaw(frame[..(headerLength + first.Length)]);
        }
        else
        {
            c.P.SendFrame(1, first, fin: false);
        }

        c.P.ContinueLater(1, () =>
        {
            if (c.P.State != ConnectionState.Open)
            {
                return;
            }

            c.Received.Add(Observation.Timeout("A"));
            if (frame is not null)
            {
                c.P.SendRaw(frame[(headerLength + first.Length)..(headerLength + first.Length + second.Length)]);
            }
            else
            {
                c.P.SendFrame(0, second, fin: false);
            }

            c.P.ContinueLater(1, () =>
            {
                if (c.P.State != ConnectionState.Open)
                {
                    return;
                }

                c.Received.Add(Observation.Timeout("B"));
                if (frame is not null)
                {
                    c.P.SendRaw(frame[(headerLength + first.Length + second.Length)..]);
                }
                else
                {
                    c.P.SendFrame(0, third, fin: true);
                }

                c.P.KillAfter(1);
            }, "B");
        }, "A");
    }
}
