using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace Reqivo.LoadHarness;

/// <summary>
/// CPU pinning for the one-connection runs (docs/performance.md): the client process and the server's worker share
/// one CPU, so the rate is 1 / (client CPU + server CPU) per request instead of how fast an idle CPU wakes up.
/// Uses <c>taskset</c>; null from <see cref="Detect"/> when it is missing or there is a single CPU.
/// </summary>
internal sealed class Pinning
{
    private readonly string _taskset;

    private Pinning(string taskset, int cpu, int cpuCount)
    {
        _taskset = taskset;
        Cpu = cpu;
        AllCpus = $"0-{cpuCount - 1}";
    }

    /// <summary>The CPU both sides are pinned to: the last one.</summary>
    public int Cpu { get; }

    public string AllCpus { get; }

    public static Pinning? Detect(bool disabled)
    {
        int cpus = Environment.ProcessorCount;
        if (disabled || cpus < 2 || FindOnPath("taskset") is not { } taskset)
        {
            return null;
        }

        return new Pinning(taskset, cpus - 1, cpus);
    }

    /// <summary>Pins every thread of a running process (and so the threads it creates later) to <see cref="Cpu"/>.</summary>
    public void Pin(int pid) => Taskset("-a", "-p", "-c", Cpu.ToString(CultureInfo.InvariantCulture), pid.ToString(CultureInfo.InvariantCulture));

    public void Unpin(int pid) => Taskset("-a", "-p", "-c", AllCpus, pid.ToString(CultureInfo.InvariantCulture));

    /// <summary>The command line that starts <paramref name="file"/> pinned to <see cref="Cpu"/>.</summary>
    public (string File, List<string> Arguments) Wrap(string file, IEnumerable<string> arguments) =>
        (_taskset, ["-c", Cpu.ToString(CultureInfo.InvariantCulture), file, .. arguments]);

    /// <summary>The worker processes of an nginx master (its children), found through /proc.</summary>
    public static List<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so fields are counted after ')'.
                string stat = File.ReadAllText(Path.Combine(directory, "stat"));
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return children;
    }

    public static string? FindOnPath(string name)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (string directory in (path + ":/usr/sbin:/sbin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private void Taskset(params string[] arguments)
    {
        var start = new ProcessStartInfo(_taskset) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"taskset {string.Join(' ', arguments)} failed: {error}");
        }
    }
}
