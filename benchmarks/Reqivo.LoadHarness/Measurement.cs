using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Reqivo.LoadHarness;

/// <summary>
/// The phases of one client process: running (warm-up, nothing counted), measuring, paused (between measured
/// windows, while other clients are measured), stopped. Workers read the phase on every request; the controller
/// flips it and takes the snapshots at the boundaries.
/// </summary>
internal sealed class LoadWindow
{
    private const int RunningPhase = 0;
    private const int MeasuringPhase = 1;
    private const int PausedPhase = 2;
    private const int StoppedPhase = 3;

    private volatile int _phase;
    private volatile TaskCompletionSource _resumed = NewGate();

    public bool Running => _phase != StoppedPhase;

    public bool Measuring => _phase == MeasuringPhase;

    public bool Paused => _phase == PausedPhase;

    /// <summary>Completes when a paused window runs again (or stops).</summary>
    public Task WhenResumed => _resumed.Task;

    public void Run() => SetPhase(RunningPhase);

    public void BeginMeasuring() => SetPhase(MeasuringPhase);

    public void Stop() => SetPhase(StoppedPhase);

    public void Pause()
    {
        // The new gate is in place before a worker can see the paused phase.
        _resumed = NewGate();
        _phase = PausedPhase;
    }

    private void SetPhase(int phase)
    {
        _phase = phase;
        _resumed.TrySetResult();
    }

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>One connection's loop state: latencies recorded while measuring, completed and failed counts per window.</summary>
internal sealed class Worker(int latencyCapacity)
{
    private readonly long[] _latencies = new long[latencyCapacity];
    private int _recorded;
    private long _completed;
    private long _errors;
    private long _completedAtStart;
    private long _errorsAtStart;

    /// <summary>Requests completed while measuring, in the current window.</summary>
    public long Completed => Volatile.Read(ref _completed) - _completedAtStart;

    /// <summary>Failed requests in the current window (counted in every phase).</summary>
    public long Errors => Volatile.Read(ref _errors) - _errorsAtStart;

    public string? FirstError { get; private set; }

    public ReadOnlySpan<long> Latencies => _latencies.AsSpan(0, Math.Min(_recorded, _latencies.Length));

    /// <summary>Too many failures mean the peer is gone: the loop stops instead of spinning on exceptions.</summary>
    public bool GaveUp => Volatile.Read(ref _errors) > 100;

    /// <summary>Starts a new window (called by the controller before it switches to measuring).</summary>
    public void BeginWindow()
    {
        _recorded = 0;
        _completedAtStart = Volatile.Read(ref _completed);
        _errorsAtStart = Volatile.Read(ref _errors);
    }

    /// <summary>Counts a request that completed (started at <paramref name="startTimestamp"/>) if the window is measuring.</summary>
    public void Complete(LoadWindow window, long startTimestamp, bool ok, string? failure = null)
    {
        if (!ok)
        {
            Volatile.Write(ref _errors, _errors + 1);
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
}

/// <summary>
/// CPU time at one instant: this process (user and kernel), the server's processes, and the whole machine (busy time
/// of all CPUs, from /proc/stat). Over a window, what the machine spent beyond client and server is other load: the
/// noise of a shared machine, reported with every run.
/// </summary>
internal readonly record struct CpuSnapshot(TimeSpan User, TimeSpan Kernel, TimeSpan Server, TimeSpan MachineBusy)
{
    // /proc/stat counts in USER_HZ, which Linux fixes at 100 for user space.
    private const double TicksPerSecond = 100;

    public static CpuSnapshot Read(IReadOnlyList<int> serverPids)
    {
        TimeSpan server = TimeSpan.Zero;
        foreach (int pid in serverPids)
        {
            using Process process = Process.GetProcessById(pid);
            server += process.TotalProcessorTime;
        }

        using Process self = Process.GetCurrentProcess();
        // On Linux these come from /proc/self/stat (utime, stime): clock ticks, usually 10 ms each.
        return new CpuSnapshot(self.UserProcessorTime, self.PrivilegedProcessorTime, server, MachineBusyTime());
    }

    public static CpuSnapshot operator -(CpuSnapshot end, CpuSnapshot start) =>
        new(end.User - start.User, end.Kernel - start.Kernel, end.Server - start.Server, end.MachineBusy - start.MachineBusy);

    private static TimeSpan MachineBusyTime()
    {
        if (!File.Exists("/proc/stat"))
        {
            return TimeSpan.Zero;
        }

        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice": busy is all but idle and iowait.
        string[] fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long busy = 0;
        for (int i = 1; i < Math.Min(fields.Length, 9); i++)
        {
            if (i is not (4 or 5))
            {
                busy += long.Parse(fields[i], CultureInfo.InvariantCulture);
            }
        }

        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }
}

/// <summary>What one measured client run reports back to the orchestrator, as a single <c>RESULT k=v ...</c> line.</summary>
internal sealed record ClientResult(
    long Requests, double Seconds, long AllocatedBytes, double CpuUserSeconds, double CpuKernelSeconds,
    double P50Micros, double P99Micros, long Errors, string? FirstError, long Bytes,
    double ServerCpuSeconds = double.NaN, double MachineBusySeconds = double.NaN)
{
    public const string Prefix = "RESULT ";

    public double RequestsPerSecond => Requests / Seconds;

    public double AllocatedPerRequest => Requests == 0 ? double.NaN : (double)AllocatedBytes / Requests;

    public double CpuMicrosPerRequest => Requests == 0 ? double.NaN : (CpuUserSeconds + CpuKernelSeconds) * 1e6 / Requests;

    public double MegabytesPerSecond => Bytes / 1e6 / Seconds;

    public double ServerCpuMicrosPerRequest => Requests == 0 ? double.NaN : ServerCpuSeconds * 1e6 / Requests;

    /// <summary>CPUs' worth of work the machine did during the window besides this client and the server.</summary>
    public double OtherLoadCores => Math.Max(0, MachineBusySeconds - CpuUserSeconds - CpuKernelSeconds - ServerCpuSeconds) / Seconds;

    public ClientResult WithMachine(CpuSnapshot window) =>
        this with { ServerCpuSeconds = window.Server.TotalSeconds, MachineBusySeconds = window.MachineBusy.TotalSeconds };

    public static ClientResult From(IReadOnlyList<Worker> workers, double seconds, long allocated, CpuSnapshot cpu, long bytes = 0)
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
            Percentile(all, 0.50), Percentile(all, 0.99), errors, firstError, bytes).WithMachine(cpu);
    }

    public string Format() => FormattableString.Invariant(
        $"{Prefix}requests={Requests} seconds={Seconds:R} allocated={AllocatedBytes} cpu_user={CpuUserSeconds:R} cpu_kernel={CpuKernelSeconds:R} p50_us={P50Micros:R} p99_us={P99Micros:R} errors={Errors} bytes={Bytes} server_cpu={ServerCpuSeconds:R} machine_busy={MachineBusySeconds:R} first_error={Escape(FirstError)}");

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
            D("p50_us"), D("p99_us"), L("errors"), error == "-" ? null : error, L("bytes"), D("server_cpu"), D("machine_busy"));
    }

    private static string Escape(string? text) => text is null ? "-" : text.ReplaceLineEndings(" ");

    private static double Percentile(long[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * fraction))] * 1e6 / Stopwatch.Frequency;
}
