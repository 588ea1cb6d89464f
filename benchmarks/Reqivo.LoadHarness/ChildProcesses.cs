using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Reqivo.LoadHarness;

/// <summary>Starts the harness itself as a child (a client run or the Kestrel server) and runs wrk.</summary>
internal static class ChildProcesses
{
    /// <summary>The command that starts this harness again: its app host when there is one, else dotnet + the dll.</summary>
    public static (string File, List<string> Arguments) Self(IEnumerable<string> arguments)
    {
        string appHost = Path.Combine(AppContext.BaseDirectory, "Reqivo.LoadHarness");
        if (File.Exists(appHost))
        {
            return (appHost, [.. arguments]);
        }

        string dll = Path.Combine(AppContext.BaseDirectory, "Reqivo.LoadHarness.dll");
        return (Environment.ProcessPath ?? "dotnet", [dll, .. arguments]);
    }

    /// <summary>Runs one measured client in its own process (pinned when asked) and returns what it reported.</summary>
    public static ClientResult RunClient(IEnumerable<string> clientArguments, Pinning? pinTo, TimeSpan timeout)
    {
        (string file, List<string> arguments) = Self(clientArguments);
        if (pinTo is not null)
        {
            (file, arguments) = pinTo.Wrap(file, arguments);
        }

        (int exit, string output, string error) = Run(file, arguments, timeout);
        string? line = output.Split('\n').FirstOrDefault(l => l.StartsWith(ClientResult.Prefix, StringComparison.Ordinal));
        if (exit != 0 || line is null)
        {
            throw new InvalidOperationException($"client run failed (exit {exit}): {string.Join(' ', arguments)}\n{output}\n{error}");
        }

        return ClientResult.Parse(line.TrimEnd());
    }

    /// <summary>
    /// Runs build/interop/wrk.sh (one wrk thread) and measures wrk's CPU time with the shell's <c>times</c> builtin,
    /// which reports the user and system time of the commands the shell waited for (10 ms resolution).
    /// </summary>
    public static ClientResult RunWrk(string wrkScript, string url, int connections, int seconds, Pinning? pinTo, IReadOnlyList<int> serverPids)
    {
        const string Script = "rps=$(\"$@\"); status=$?; echo \"rps=$rps\"; times; exit $status";
        string file = "bash";
        List<string> arguments = ["-c", Script, "wrk-run", wrkScript, url, connections.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture)];
        if (pinTo is not null)
        {
            (file, arguments) = pinTo.Wrap(file, arguments);
        }

        CpuSnapshot start = CpuSnapshot.Read(serverPids);
        long started = Stopwatch.GetTimestamp();
        (int exit, string output, string error) = Run(file, arguments, TimeSpan.FromSeconds(seconds + 60));
        double wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        CpuSnapshot window = CpuSnapshot.Read(serverPids) - start;
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? rpsLine = lines.FirstOrDefault(l => l.StartsWith("rps=", StringComparison.Ordinal));
        if (exit != 0 || rpsLine is null || lines.Length < 3 || !double.TryParse(rpsLine[4..], NumberStyles.Float, CultureInfo.InvariantCulture, out double rps))
        {
            throw new InvalidOperationException($"wrk failed (exit {exit}) on {url} with {connections} connections:\n{output}\n{error}");
        }

        // The last line of `times` is "user sys" of the children, e.g. "0m1.234s 0m2.345s".
        string[] children = lines[^1].Split(' ');
        double user = ShellSeconds(children[0]), kernel = ShellSeconds(children[1]);
        long requests = (long)Math.Round(rps * seconds);
        // The snapshots span the whole wrk.sh run, a little longer than wrk's measured seconds: scaled to them.
        double scale = seconds / wall;
        window = new CpuSnapshot(TimeSpan.Zero, TimeSpan.Zero, window.Server * scale, window.MachineBusy * scale);
        return new ClientResult(requests, seconds, 0, user, kernel, double.NaN, double.NaN, 0, null, 0).WithMachine(window);
    }

    private static double ShellSeconds(string value)
    {
        // bash prints "XmY.YYYs".
        int m = value.IndexOf('m', StringComparison.Ordinal);
        return (int.Parse(value[..m], CultureInfo.InvariantCulture) * 60) + double.Parse(value[(m + 1)..^1], CultureInfo.InvariantCulture);
    }

    private static (int Exit, string Output, string Error) Run(string file, List<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ForEach(start.ArgumentList.Add);
        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        System.Threading.Tasks.Task<string> output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            // Only this child (and what it started) is ended, by its own handle.
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:F0} s.");
        }

        process.WaitForExit();
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}

/// <summary>The Kestrel server in its own process (<c>--serve-kestrel</c>), stopped by closing its stdin.</summary>
internal sealed class KestrelChild : IDisposable
{
    private readonly Process _process;

    private KestrelChild(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    public static KestrelChild Start()
    {
        (string file, List<string> arguments) = ChildProcesses.Self(["--serve-kestrel"]);
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardInput = true };
        arguments.ForEach(start.ArgumentList.Add);
        Process process = Process.Start(start)!;
        string? line = process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"the Kestrel child did not start: '{line}'");
        }

        return new KestrelChild(process, line["listening ".Length..]);
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}

/// <summary>
/// A client process kept alive for one configuration (<c>--serve-windows</c>): warmed up once, then asked for one
/// measured window at a time, so that every window runs fully tiered code and the clients can alternate.
/// </summary>
internal sealed class ClientProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _errors = new();

    private ClientProcess(Process process, string description)
    {
        _process = process;
        Description = description;
    }

    public string Description { get; }

    /// <summary>Starts the client (pinned when asked) and returns once it has warmed up and paused.</summary>
    public static ClientProcess Start(IEnumerable<string> clientArguments, Pinning? pinTo, TimeSpan warmupTimeout)
    {
        (string file, List<string> arguments) = ChildProcesses.Self([.. clientArguments, "--serve-windows"]);
        if (pinTo is not null)
        {
            (file, arguments) = pinTo.Wrap(file, arguments);
        }

        var start = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ForEach(start.ArgumentList.Add);
        var client = new ClientProcess(Process.Start(start)!, string.Join(' ', arguments));
        client._process.ErrorDataReceived += (_, e) =>
        {
            lock (client._errors)
            {
                client._errors.AppendLine(e.Data);
            }
        };
        client._process.BeginErrorReadLine();
        client.ReadLine(warmupTimeout, line => line == "READY");
        return client;
    }

    /// <summary>Measures one window of <paramref name="seconds"/>.</summary>
    public ClientResult Measure(int seconds)
    {
        _process.StandardInput.WriteLine(FormattableString.Invariant($"measure {seconds}"));
        _process.StandardInput.Flush();
        string line = ReadLine(TimeSpan.FromSeconds(seconds + 60), l => l.StartsWith(ClientResult.Prefix, StringComparison.Ordinal));
        return ClientResult.Parse(line);
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.WriteLine("quit");
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It already exited.
        }

        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            // Only this child (and what it started) is ended, by its own handle.
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private string ReadLine(TimeSpan timeout, Func<string, bool> wanted)
    {
        System.Threading.Tasks.Task<string?> read = _process.StandardOutput.ReadLineAsync();
        while (read.Wait(timeout) && read.Result is { } line)
        {
            if (wanted(line))
            {
                return line.TrimEnd();
            }

            read = _process.StandardOutput.ReadLineAsync();
        }

        string errors;
        lock (_errors)
        {
            errors = _errors.ToString();
        }

        throw new InvalidOperationException($"client {Description} did not answer (exited: {_process.HasExited}):\n{errors}");
    }
}
