using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Reqivo.Conformance;

/// <summary>Runs every conformance case, writes the report, and exits non-zero when a MUST case fails.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        string report = ArgumentAfter(args, "--report") ?? "conformance/REPORT.md";
        string? summary = ArgumentAfter(args, "--summary");

        var results = new List<(ConformanceCase Case, string? Failure)>();
        foreach (ConformanceCase c in CaseCatalog.All())
        {
            results.Add((c, Run(c)));
        }

        var duplicateIds = results.GroupBy(r => r.Case.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicateIds.Count > 0)
        {
            Console.Error.WriteLine($"duplicate case ids: {string.Join(", ", duplicateIds)}");
            return 3;
        }

        File.WriteAllText(report, ReportWriter.Write(results));
        int failed = results.Count(r => r.Failure is not null);
        int passed = results.Count - failed;
        int failedMust = results.Count(r => r.Failure is not null && r.Case.Level == RequirementLevel.Must);
        if (summary is not null)
        {
            File.WriteAllText(summary, string.Create(CultureInfo.InvariantCulture, $"{passed} {failed}\n"));
        }

        foreach ((ConformanceCase c, string? failure) in results.Where(r => r.Failure is not null))
        {
            Console.WriteLine($"FAIL {c.Id} ({c.Level.ToString().ToUpperInvariant()}, RFC {c.Rfc} §{c.Section}): {failure}");
        }

        Console.WriteLine($"conformance: {results.Count} cases, {passed} passed, {failed} failed ({failedMust} MUST); report in {report}");
        return failedMust > 0 ? 1 : 0;
    }

    private static string? Run(ConformanceCase c)
    {
        try
        {
            c.Check();
            return null;
        }
        catch (Exception e)
        {
            return e is ConformanceFailure ? e.Message : $"{e.GetType().Name}: {e.Message}";
        }
    }

    private static string? ArgumentAfter(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
