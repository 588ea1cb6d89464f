using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace Reqivo.LoadHarness;

/// <summary>
/// The phases of one client run: warm-up (requests run, nothing is counted), measuring, stopped. Workers read the
/// phase on every request; the controller flips it and takes the snapshots at the two boundaries.
/// </summary>
internal sealed class LoadWindow
{
    private const int WarmingUp = 0;
    private const int MeasuringPhase = 1;
    private const int Stopped = 2;

    private volatile int _phase;

    public bool Running => _phase != Stopped;

    public bool Measuring => _phase == MeasuringPhase;

    public void BeginMeasuring() => _phase = MeasuringPhase;

    public void Stop() => _phase = Stopped;

    public bool IsWarmingUp => _phase == WarmingUp;
}

/// <summary>One connection's loop state: latencies recorded while measuring, completed and failed counts.</summary>
internal sealed class Worker(int latencyCapacity)
{
    private readonly long[] _latencies = new long[latencyCapacity];
    private int _recorded;
    private long _completed;

    public long Completed => Volatile.Read(ref _completed);

    public long Errors { get; private set; }

    public string? FirstError { get; private set; }

    public ReadOnlySpan<long> Latencies => _latencies.AsSpan(0, _recorded);

    /// <summary>Counts a request that completed (started at <paramref name="startTimestamp"/>) if the window is measuring.</summary>
    public void Complete(LoadWindow window, long startTimestamp, bool ok, string? failure = null)
    {
        if (!ok)
        {
            Errors++;
            FirstError ??= failure ?? "unexpected response";
            return;
        }

        if (!window.Measuring)
        {
            return;
        }

        long elapsed = Stopwatch.GetTimestamp() - startTimestamp;
        if (_recorded < _latencies.Length)
        {
            _latencies[_recorded++] = elapsed;
        }

        Volatile.Write(ref _completed, _completed + 1);
    }

    /// <summary>Too many failures mean the peer is gone: the loop stops instead of spinning on exceptions.</summary>
    public bool GaveUp => Errors > 100;
}

/// <summary>Process CPU time (user and kernel) read from the OS; the harness runs clients in their own processes.</summary>
internal readonly record struct CpuTimes(TimeSpan User, TimeSpan Kernel)
{
    public static CpuTimes Read()
    {
        using Process self = Process.GetCurrentProcess();
        // On Linux these come from /proc/self/stat (utime, stime): clock ticks, usually 10 ms each.
        return new CpuTimes(self.UserProcessorTime, self.PrivilegedProcessorTime);
    }

    public static CpuTimes operator -(CpuTimes end, CpuTimes start) => new(end.User - start.User, end.Kernel - start.Kernel);

    public TimeSpan Total => User + Kernel;
}

/// <summary>What one measured client run reports back to the orchestrator, as a single <c>RESULT k=v ...</c> line.</summary>
internal sealed record ClientResult(
    long Requests, double Seconds, long AllocatedBytes, double CpuUserSeconds, double CpuKernelSeconds,
    double P50Micros, double P99Micros, long Errors, string? FirstError, long Bytes)
{
    public const string Prefix = "RESULT ";

    public double RequestsPerSecond => Requests / Seconds;

    public double AllocatedPerRequest => Requests == 0 ? double.NaN : (double)AllocatedBytes / Requests;

    public double CpuMicrosPerRequest => Requests == 0 ? double.NaN : (CpuUserSeconds + CpuKernelSeconds) * 1e6 / Requests;

    public double MegabytesPerSecond => Bytes / 1e6 / Seconds;

    public static ClientResult From(IReadOnlyList<Worker> workers, double seconds, long allocated, CpuTimes cpu, long bytes = 0)
    {
        long requests = 0, errors = 0, recorded = 0;
        string? firstError = null;
        foreach (Worker worker in workers)
        {
            requests += worker.Completed;
            errors += worker.Errors;
            firstError ??= worker.FirstError;
            recorded += worker.Latencies.Length;
        }

        // Sorting happens after the window closed: its allocations are not counted.
        var all = new long[recorded];
        int at = 0;
        foreach (Worker worker in workers)
        {
            worker.Latencies.CopyTo(all.AsSpan(at));
            at += worker.Latencies.Length;
        }

        Array.Sort(all);
        return new ClientResult(requests, seconds, allocated, cpu.User.TotalSeconds, cpu.Kernel.TotalSeconds,
            Percentile(all, 0.50), Percentile(all, 0.99), errors, firstError, bytes);
    }

    public string Format() => FormattableString.Invariant(
        $"{Prefix}requests={Requests} seconds={Seconds:R} allocated={AllocatedBytes} cpu_user={CpuUserSeconds:R} cpu_kernel={CpuKernelSeconds:R} p50_us={P50Micros:R} p99_us={P99Micros:R} errors={Errors} bytes={Bytes} first_error={Escape(FirstError)}");

    public static ClientResult Parse(string line)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string body = line[Prefix.Length..];
        int errorAt = body.IndexOf(" first_error=", StringComparison.Ordinal);
        string error = body[(errorAt + " first_error=".Length)..];
        foreach (string pair in body[..errorAt].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            values[pair[..equals]] = pair[(equals + 1)..];
        }

        double D(string key) => double.Parse(values[key], CultureInfo.InvariantCulture);
        long L(string key) => long.Parse(values[key], CultureInfo.InvariantCulture);
        return new ClientResult(L("requests"), D("seconds"), L("allocated"), D("cpu_user"), D("cpu_kernel"),
            D("p50_us"), D("p99_us"), L("errors"), error == "-" ? null : error, L("bytes"));
    }

    private static string Escape(string? text) => text is null ? "-" : text.ReplaceLineEndings(" ");

    private static double Percentile(long[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * fraction))] * 1e6 / Stopwatch.Frequency;
}
