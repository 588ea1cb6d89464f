namespace Reqivo.WebSocketConformance.Cases;

/// <summary>Group 7: close handling (RFC 6455 §5.5.1, §7), all started by the fuzzer.</summary>
internal static class CloseCases
{
    private static readonly int[] ProtocolError = [1002];
    private static readonly byte[] HelloWorld = CaseFactory.Utf8("Hello World!");
    private static readonly byte[] InvalidUtf8 = [0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5, 0xed, 0xa0, 0x80, 0x65, 0x64, 0x69, 0x74, 0x65, 0x64];

    public static void Register(CaseFactory f)
    {
        f.Add("7.1.1", c =>
        {
            // The message alone: the fuzzer closes (1000) once the echo is in, as in Autobahn's case 7.1.1.
            Close(c, [Observation.Message(HelloWorld, false)], () => c.P.SendFrame(1, HelloWorld));
            c.SuppressClose = false;
        });
        f.Add("7.1.2", c => Close(c, [], () =>
        {
            c.P.SendClose(1000);
            c.P.SendFrame(8);
        }));
        f.Add("7.1.3", c => Close(c, [], () =>
        {
            c.P.SendClose(1000);
            c.P.SendFrame(9);
        }));
        f.Add("7.1.4", c => Close(c, [], () =>
        {
            c.P.SendClose(1000);
            c.P.SendFrame(1, HelloWorld);
        }));
        f.Add("7.1.5", c => Close(c, [], () =>
        {
            c.P.SendFrame(1, CaseFactory.Utf8("fragment1"), fin: false);
            c.P.SendClose(1000);
            c.P.SendFrame(0, CaseFactory.Utf8("fragment2"), fin: true);
        }));
        f.Add("7.1.6", CloseAfterLargeMessage, c =>
        {
            // Implementation-defined: which of the two is processed first is reported, not judged.
            c.Result = c.Behavior switch
            {
                Verdict.Ok => "Text message was processed before close.",
                Verdict.NonStrict => "Close was processed before text message could be returned.",
                _ => $"{c.Received.Count} message(s) echoed (the 256 KiB one included) before the close was answered.",
            };
            c.Behavior = Verdict.Informational;
            c.BehaviorClose = Verdict.Informational;
        });

        f.Add("7.3.1", c => Close(c, [], () => c.P.SendClose(null)));
        f.Add("7.3.2", c => Close(c, [], () => c.P.SendClose(null, CaseFactory.Utf8("a")), ProtocolError, requireClean: false));
        f.Add("7.3.3", c => Close(c, [], () => c.P.SendClose(1000)));
        f.Add("7.3.4", c => Close(c, [], () => c.P.SendClose(1000, HelloWorld)));
        f.Add("7.3.5", c => Close(c, [], () => c.P.SendClose(1000, FramingCases.Fill((byte)'*', 123))));
        f.Add("7.3.6", c => Close(c, [], () => c.P.SendClose(1000, FramingCases.Fill((byte)'*', 124)), ProtocolError, requireClean: false));
        f.Add("7.5.1", c => Close(c, [], () => c.P.SendClose(1000, InvalidUtf8), [1002, 1007], requireClean: false));

        foreach ((string id, int code) in new[] { ("7.13.1", 5000), ("7.13.2", 65535) })
        {
            f.Add(id, c => Close(c, [], () => c.P.SendClose(code), [1000, code, 1002], requireClean: false), c =>
            {
                c.Behavior = Verdict.Informational;
                c.BehaviorClose = Verdict.Informational;
                c.Result = "Actual events are undefined by the spec.";
            });
        }
    }

    /// <summary>7.7.x (valid codes: echo or normal, clean) and 7.9.x (invalid codes: protocol error or drop).</summary>
    public static CaseScript WithCloseCode(CaseInfo info, int code)
    {
        bool valid = info.Id.StartsWith("7.7.", StringComparison.Ordinal);
        return new ScriptedCase(info, c => Close(c, [], () => c.P.SendClose(code), valid ? [1000, code] : ProtocolError, requireClean: valid));
    }

    private static void Close(ScriptedCase c, Observation[] expected, Action send, int[]? codes = null, bool requireClean = true)
    {
        c.SuppressClose = true;
        c.WrongCodeIsFatal = true;
        c.ExpectOk(expected);
        c.ExpectedClose = new ExpectedClose(true, codes ?? CaseScript.Normal, requireClean);
        send();
        c.P.KillAfter(1);
    }

    private static void CloseAfterLargeMessage(ScriptedCase c)
    {
        c.SuppressClose = true;
        c.ExpectOk(Observation.Message(HelloWorld, false));
        c.ExpectNonStrict();
        c.ExpectedClose = new ExpectedClose(true, CaseScript.Normal, true);
        c.P.SendFrame(1, CaseFactory.Utf8("BAsd7&jh23"), repeatToLength: 256 * 1024);
        c.P.SendFrame(1, HelloWorld);
        c.P.SendClose(1000);
        c.P.SendFrame(9);
        c.P.KillAfter(1);
    }
}
