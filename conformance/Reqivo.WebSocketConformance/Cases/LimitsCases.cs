using System.Globalization;
using Reqivo.WebSocketConformance.Protocol;

namespace Reqivo.WebSocketConformance.Cases;

/// <summary>Group 9 (limits and performance, sizes bounded by <see cref="CaseLimits"/>) and group 10 (auto-fragmentation).</summary>
internal static class LimitsCases
{
    private const int K = 1024;
    private const int M = 1024 * 1024;
    private static readonly int[] LargeSizes = [64 * K, 256 * K, M, 4 * M, 8 * M, 16 * M];
    private static readonly int[] FragmentSizes = [64, 256, K, 4 * K, 16 * K, 64 * K, 256 * K, M, 4 * M];
    private static readonly int[] ChopSizes = [64, 128, 256, 512, 1024, 2048];
    private static readonly (int Size, double Timeout)[] RoundTrips = [(0, 60), (16, 60), (64, 60), (256, 120), (1024, 240), (4096, 480)];
    private static readonly byte[] TextPattern = CaseFactory.Utf8("BAsd7&jh23");
    private static readonly byte[] BinaryPattern = [0xfe];

    public static void Register(CaseFactory f, CaseLimits limits)
    {
        for (int i = 0; i < LargeSizes.Length; i++)
        {
            int size = Math.Min(LargeSizes[i], limits.MaxMessageSize);
            f.Add(Id(9, 1, i), info => One(info, size, binary: false, fragment: 0, chop: null));
            f.Add(Id(9, 2, i), info => One(info, size, binary: true, fragment: 0, chop: null));
        }

        for (int i = 0; i < FragmentSizes.Length; i++)
        {
            int size = Math.Min(4 * M, limits.MaxMessageSize);
            int fragment = Math.Min(FragmentSizes[i], size);
            f.Add(Id(9, 3, i), info => One(info, size, binary: false, fragment, chop: null));
            f.Add(Id(9, 4, i), info => One(info, size, binary: true, fragment, chop: null));
        }

        for (int i = 0; i < ChopSizes.Length; i++)
        {
            int size = Math.Min(M, limits.MaxMessageSize);
            int chop = ChopSizes[i];
            f.Add(Id(9, 5, i), info => One(info, size, binary: false, fragment: 0, chop));
            f.Add(Id(9, 6, i), info => One(info, size, binary: true, fragment: 0, chop));
        }

        for (int i = 0; i < RoundTrips.Length; i++)
        {
            (int size, double timeout) = RoundTrips[i];
            f.Add(Id(9, 7, i), info => new EchoSeriesCase(info, new EchoSeries(limits.MessageCount, _ => FrameWriter.Repeat(TextPattern, size), false, 0, null, timeout)));
            f.Add(Id(9, 8, i), info => new EchoSeriesCase(info, new EchoSeries(limits.MessageCount, _ => FrameWriter.Repeat(BinaryPattern, size), true, 0, null, timeout)));
        }

        f.Add("10.1.1", c =>
        {
            byte[] payload = FramingCases.Fill((byte)'*', 65536);
            c.P.AutoFragmentSize = 1300;
            c.ExpectOk(Observation.Message(payload, binary: false));
            c.ExpectedClose = new ExpectedClose(true, CaseScript.Normal, true);
            c.P.SendMessage(payload, binary: false);
            c.P.KillAfter(10);
        }, c =>
        {
            // Autobahn also checks its own side: 65536 / 1300 gives 1 text frame and 50 continuation frames.
            int continuations = c.P.TxFrameStats.GetValueOrDefault(0);
            int texts = c.P.TxFrameStats.GetValueOrDefault(1);
            if (continuations != 65536 / 1300 || texts != 1)
            {
                c.Behavior = Verdict.Failed;
                c.Result = $"Frames transmitted (text {texts}, continuation {continuations}) do not match the expected (1, {65536 / 1300}).";
            }
        });
    }

    private static string Id(int group, int subgroup, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{group}.{subgroup}.{index + 1}");

    private static EchoSeriesCase One(CaseInfo info, int size, bool binary, int fragment, int? chop)
    {
        byte[] message = FrameWriter.Repeat(binary ? BinaryPattern : TextPattern, size);
        return new EchoSeriesCase(info, new EchoSeries(1, _ => message, binary, fragment, chop, 100));
    }
}
