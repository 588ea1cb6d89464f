using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Reqivo.LoadHarness;

/// <summary>What the report says about the machine and the run, so a figure can be judged by its conditions.</summary>
internal sealed class RunConditions
{
    public required HarnessOptions Options { get; init; }

    public required DateTime StartedUtc { get; init; }

    public required string Cpu { get; init; }

    public required string Kernel { get; init; }

    public required string Runtime { get; init; }

    public required string Nginx { get; init; }

    public required string Wrk { get; init; }

    public required string LoadAverageAtStart { get; init; }

    public string LoadAverageAtEnd { get; private set; } = "?";

    public string Pinning { get; set; } = "?";

    public TimeSpan Duration { get; private set; }

    public static RunConditions Capture(HarnessOptions options) => new()
    {
        Options = options,
        StartedUtc = DateTime.UtcNow,
        Cpu = $"{Environment.ProcessorCount} x {CpuModel()}",
        Kernel = ReadOr("/proc/sys/kernel/osrelease", "?"),
        Runtime = $"{RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC",
        Nginx = VersionOf("nginx", "-v"),
        Wrk = VersionOf("wrk", "-v"),
        LoadAverageAtStart = LoadAverage(),
    };

    public void Finish(TimeSpan duration)
    {
        Duration = duration;
        LoadAverageAtEnd = LoadAverage();
    }

    private static string LoadAverage() => string.Join(' ', ReadOr("/proc/loadavg", "? ? ?").Split(' ').Take(3));

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";

    private static string ReadOr(string path, string fallback) => File.Exists(path) ? File.ReadAllText(path).Trim() : fallback;

    // Both print their version on the first line of stdout or stderr and may exit non-zero (wrk -v does).
    private static string VersionOf(string program, string flag)
    {
        if (LoadHarness.Pinning.FindOnPath(program) is not { } path)
        {
            return "not installed";
        }

        var start = new ProcessStartInfo(path, flag) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        string text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "?";
    }
}
