using System.Globalization;
using Reqivo.WebSocketConformance.Protocol;

namespace Reqivo.WebSocketConformance.Cases;

/// <summary>
/// Groups 12 and 13: permessage-deflate (RFC 7692). 12.x varies the data (five compressible data sets), 13.x the
/// parameters the fuzzer answers with; each case echoes a series of messages of one size, optionally fragmented.
/// </summary>
internal static class CompressionCases
{
    // (message size, timeout in seconds, fragment size) for the 18 cases of each subgroup.
    private static readonly (int Size, double Timeout, int Fragment)[] Sizes =
    [
        (16, 60, 0), (64, 60, 0), (256, 120, 0), (1024, 240, 0), (4096, 480, 0), (8192, 480, 0), (16384, 480, 0),
        (32768, 480, 0), (65536, 480, 0), (131072, 480, 0), (8192, 480, 256), (16384, 480, 256), (32768, 480, 256),
        (65536, 480, 256), (131072, 480, 256), (131072, 480, 1024), (131072, 480, 4096), (131072, 480, 32768),
    ];

    // 13.1-13.7: the fuzzer's answer (client_no_context_takeover requested, client_max_window_bits requested; 0 = not).
    private static readonly DeflateAcceptPolicy[][] Answers =
    [
        [DeflateAcceptPolicy.AsOffered],
        [new(true, 0)],
        [new(false, 9)],
        [new(false, 15)],
        [new(true, 9)],
        [new(true, 15)],
        [new(true, 9), new(true, 0), DeflateAcceptPolicy.AsOffered],
    ];

    public static void Register(CaseFactory f, CaseLimits limits)
    {
        string[] dataSets = ["json_data1", "lena512", "gutenberg_faust", "html_data1", "ooms"];
        for (int subgroup = 1; subgroup <= 5; subgroup++)
        {
            string dataSet = dataSets[subgroup - 1];
            for (int i = 0; i < Sizes.Length; i++)
            {
                (int size, double timeout, int fragment) = Sizes[i];
                f.Add(Id(12, subgroup, i), info => Create(info, info.TestData ?? dataSet, size, timeout, fragment, [DeflateAcceptPolicy.AsOffered], limits));
            }
        }

        for (int subgroup = 1; subgroup <= Answers.Length; subgroup++)
        {
            DeflateAcceptPolicy[] answer = Answers[subgroup - 1];
            for (int i = 0; i < Sizes.Length; i++)
            {
                (int size, double timeout, int fragment) = Sizes[i];
                f.Add(Id(13, subgroup, i), info => Create(info, "json_data1", size, timeout, fragment, answer, limits));
            }
        }
    }

    private static string Id(int group, int subgroup, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{group}.{subgroup}.{index + 1}");

    private static EchoSeriesCase Create(CaseInfo info, string dataSet, int size, double timeout, int fragment, DeflateAcceptPolicy[] answer, CaseLimits limits)
    {
        int length = Math.Min(size, limits.MaxMessageSize);
        (byte[] data, bool binary) = CompressibleData.For(dataSet);
        // Consecutive slices of the data set, wrapping around, as Autobahn takes them from its test files.
        byte[] Slice(int n)
        {
            var message = new byte[length];
            long start = (long)n * length % data.Length;
            for (int i = 0; i < length; i++)
            {
                message[i] = data[(start + i) % data.Length];
            }

            return message;
        }

        return new EchoSeriesCase(info, new EchoSeries(limits.MessageCount, Slice, binary, fragment, null, timeout), answer);
    }
}
