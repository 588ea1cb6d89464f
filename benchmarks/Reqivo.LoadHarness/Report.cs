using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Reqivo.LoadHarness;

/// <summary>
/// The Markdown report. Every figure is a median over repetitions; every ratio is the median of the ratios taken
/// within each repetition (both clients measured minutes apart would not be comparable on a shared machine).
/// </summary>
internal static class Report
{
    private static readonly ClientKind[] RowOrder =
        [ClientKind.ReqivoAsync, ClientKind.ReqivoSync, ClientKind.HttpClientAsync, ClientKind.HttpClientSync, ClientKind.Wrk];

    public static string Write(RunConditions conditions, IReadOnlyList<Sample> load, IReadOnlyList<Sample> downloads)
    {
        var text = new StringBuilder();
        Line(text, $"## Loopback load: run of {conditions.StartedUtc:yyyy-MM-dd HH:mm} UTC");
        Line(text);
        WriteConditions(text, conditions, Median([.. load.Concat(downloads).Select(s => s.Result.OtherLoadCores)]));
        WriteLoad(text, load);
        WriteDownloads(text, downloads);
        WriteTargets(text, load, downloads);
        WriteRepetitions(text, load, downloads);
        return text.ToString();
    }

    private static void WriteConditions(StringBuilder text, RunConditions c, double medianOtherLoad)
    {
        HarnessOptions o = c.Options;
        Line(text, $"- machine: {c.Cpu}; Linux {c.Kernel}; {c.Runtime}; {c.Nginx} (1 worker); {c.Wrk}");
        Line(text, $"- load average (1/5/15 min) at start {c.LoadAverageAtStart}, at end {c.LoadAverageAtEnd}: the machine is shared; during the measured windows other processes used a median {F2(medianOtherLoad)} CPUs (machine busy time minus client and server)");
        Line(text, $"- each client in its own process, warmed up {o.Warmup} s once per configuration (so JIT tiering has settled), then {o.Repetitions} measured windows of {o.Seconds} s (each after 0.5 s of running again); clients alternate within a repetition, the first one rotating");
        Line(text, $"- pinning: {c.Pinning}");
        Line(text, $"- whole run: {c.Duration.TotalMinutes:F1} min");
        Line(text);
    }

    private static void WriteLoad(StringBuilder text, IReadOnlyList<Sample> load)
    {
        Line(text, "### GET /small (5-byte body)");
        Line(text);
        Line(text, "| server | conns | client | req/s | ÷ wrk | ÷ HttpClient (same form) | p50 µs | p99 µs | allocated B/req | client CPU µs/req | server CPU µs/req | other load (cores) |");
        Line(text, "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in load.GroupBy(s => (s.Server, s.Connections)))
        {
            foreach (ClientKind client in RowOrder)
            {
                Sample[] samples = [.. group.Where(s => s.Client == client)];
                if (samples.Length == 0)
                {
                    continue;
                }

                string versusWrk = Ratio(group, client, ClientKind.Wrk, r => r.RequestsPerSecond);
                string versusHttpClient = client.IsReqivo() ? Ratio(group, client, client.HttpClientCounterpart(), r => r.RequestsPerSecond) : "";
                bool managed = client != ClientKind.Wrk;
                Line(text, $"| {group.Key.Server} | {group.Key.Connections} | {client.Name()} | {N(Median(samples, r => r.RequestsPerSecond))} | {versusWrk} | {versusHttpClient} " +
                    $"| {(managed ? F1(Median(samples, r => r.P50Micros)) : "–")} | {(managed ? F1(Median(samples, r => r.P99Micros)) : "–")} " +
                    $"| {(managed ? N(Median(samples, r => r.AllocatedPerRequest)) : "–")} | {F1(Median(samples, r => r.CpuMicrosPerRequest))} " +
                    $"| {F1(Median(samples, r => r.ServerCpuMicrosPerRequest))} | {F2(Median(samples, r => r.OtherLoadCores))} |");
            }
        }

        Line(text);
    }

    private static void WriteDownloads(StringBuilder text, IReadOnlyList<Sample> downloads)
    {
        if (downloads.Count == 0)
        {
            return;
        }

        Line(text, "### 256 MiB download (nginx /download/256m, one connection, unpinned)");
        Line(text);
        Line(text, "| client | MB/s | ÷ HttpClient (same form) | allocated B/download | client CPU ms/download | other load (cores) |");
        Line(text, "| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (ClientKind client in ClientKinds.Managed)
        {
            Sample[] samples = [.. downloads.Where(s => s.Client == client)];
            string versus = client.IsReqivo() ? Ratio(downloads, client, client.HttpClientCounterpart(), r => r.MegabytesPerSecond) : "";
            Line(text, $"| {client.Name()} | {N(Median(samples, r => r.MegabytesPerSecond))} | {versus} | {N(Median(samples, r => r.AllocatedPerRequest))} " +
                $"| {F1(Median(samples, r => (r.CpuUserSeconds + r.CpuKernelSeconds) * 1e3 / r.Requests))} | {F2(Median(samples, r => r.OtherLoadCores))} |");
        }

        Line(text);
    }

    private static void WriteTargets(StringBuilder text, IReadOnlyList<Sample> load, IReadOnlyList<Sample> downloads)
    {
        Line(text, "### Targets");
        Line(text);
        Line(text, "| target | measured | met |");
        Line(text, "| --- | --- | :---: |");
        foreach (var group in load.GroupBy(s => (s.Server, s.Connections)))
        {
            double goal = group.Key.Connections >= 32 ? 1.25 : 1.0;
            foreach (ClientKind client in new[] { ClientKind.ReqivoAsync, ClientKind.ReqivoSync })
            {
                double ratio = RatioValue(group, client, client.HttpClientCounterpart(), r => r.RequestsPerSecond);
                Line(text, $"| req/s {client.Name()} ≥ {goal:F2} × {client.HttpClientCounterpart().Name()} ({group.Key.Server}, {group.Key.Connections} conns) | {F2(ratio)} × | {Met(ratio >= goal)} |");
            }
        }

        foreach ((ClientKind client, double limit) in new[] { (ClientKind.ReqivoAsync, 512.0), (ClientKind.ReqivoSync, 256.0) })
        {
            var perConfiguration = load.Where(s => s.Client == client).GroupBy(s => (s.Server, s.Connections))
                .Select(g => (g.Key, Value: Median([.. g], r => r.AllocatedPerRequest))).ToList();
            if (perConfiguration.Count > 0)
            {
                double worst = perConfiguration.Max(p => p.Value);
                string all = string.Join(", ", perConfiguration.Select(p => $"{p.Key.Server}/{p.Key.Connections}: {N(p.Value)}"));
                Line(text, $"| allocated ≤ {limit:F0} B/req, {client.Name()} | {all} | {Met(worst <= limit)} |");
            }
        }

        if (downloads.Count > 0)
        {
            foreach (ClientKind client in new[] { ClientKind.ReqivoAsync, ClientKind.ReqivoSync })
            {
                double ratio = RatioValue(downloads, client, client.HttpClientCounterpart(), r => r.MegabytesPerSecond);
                Line(text, $"| download MB/s {client.Name()} ≥ 1.00 × {client.HttpClientCounterpart().Name()} | {F2(ratio)} × | {Met(ratio >= 1.0)} |");
            }
        }

        Line(text);
    }

    private static void WriteRepetitions(StringBuilder text, IReadOnlyList<Sample> load, IReadOnlyList<Sample> downloads)
    {
        Line(text, "### Every run");
        Line(text);
        Line(text, "| server | conns | rep | client | req/s or MB/s | p50 µs | p99 µs | allocated B/req | client CPU µs/req (user+sys) | server CPU µs/req | other load (cores) | errors |");
        Line(text, "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
        foreach (Sample s in load)
        {
            ClientResult r = s.Result;
            double perRequest = 1e6 / r.Requests;
            Line(text, $"| {s.Server} | {s.Connections} | {s.Repetition + 1} | {s.Client.Name()} | {N(r.RequestsPerSecond)} | {F1(r.P50Micros)} | {F1(r.P99Micros)} " +
                $"| {(s.Client == ClientKind.Wrk ? "–" : N(r.AllocatedPerRequest))} | {F1(r.CpuMicrosPerRequest)} ({F1(r.CpuUserSeconds * perRequest)}+{F1(r.CpuKernelSeconds * perRequest)}) | {F1(r.ServerCpuMicrosPerRequest)} | {F2(r.OtherLoadCores)} | {r.Errors}{(r.FirstError is null ? "" : " " + r.FirstError)} |");
        }

        foreach (Sample s in downloads)
        {
            ClientResult r = s.Result;
            Line(text, $"| {s.Server} download | 1 | {s.Repetition + 1} | {s.Client.Name()} | {N(r.MegabytesPerSecond)} MB/s | – | – | {N(r.AllocatedPerRequest)} per download | – | – | {F2(r.OtherLoadCores)} | {r.Errors} |");
        }

        Line(text);
    }

    // The median over repetitions of (client / baseline) measured in the same repetition.
    private static string Ratio(IEnumerable<Sample> samples, ClientKind client, ClientKind baseline, Func<ClientResult, double> value) =>
        RatioValue(samples, client, baseline, value) is var ratio && double.IsNaN(ratio) ? "" : F2(ratio);

    private static double RatioValue(IEnumerable<Sample> samples, ClientKind client, ClientKind baseline, Func<ClientResult, double> value)
    {
        var byRepetition = samples.GroupBy(s => s.Repetition);
        double[] ratios = [.. byRepetition
            .Select(g => (Client: g.FirstOrDefault(s => s.Client == client), Baseline: g.FirstOrDefault(s => s.Client == baseline)))
            .Where(p => p.Client is not null && p.Baseline is not null)
            .Select(p => value(p.Client!.Result) / value(p.Baseline!.Result))];
        return Median(ratios);
    }

    private static double Median(Sample[] samples, Func<ClientResult, double> value) => Median([.. samples.Select(s => value(s.Result))]);

    private static double Median(double[] values)
    {
        double[] known = [.. values.Where(v => !double.IsNaN(v)).Order()];
        if (known.Length == 0)
        {
            return double.NaN;
        }

        int middle = known.Length / 2;
        return known.Length % 2 == 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string N(double value) => double.IsNaN(value) ? "–" : value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F1(double value) => double.IsNaN(value) ? "–" : value.ToString("F1", CultureInfo.InvariantCulture);

    private static string F2(double value) => double.IsNaN(value) ? "–" : value.ToString("F2", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
