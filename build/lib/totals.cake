// Adds up test results across every test project, the conformance suite and the WebSocket fuzzing server's reports,
// so the build can end with one plain line: "N passed, N failed, N skipped". CI reads that line, not dotnet test's
// summaries.

public class TestTotals
{
    public int Passed { get; private set; }
    public int Failed { get; private set; }
    public int Skipped { get; private set; }
    private readonly List<string> _problems = new List<string>();

    public void AddTrxFolder(string folder, int exitCode)
    {
        int failedBefore = Failed;
        if (!System.IO.Directory.Exists(folder))
        {
            AddBrokenRun($"no test results in {folder}");
            return;
        }

        var files = System.IO.Directory.GetFiles(folder, "*.trx", System.IO.SearchOption.AllDirectories);
        if (files.Length == 0)
        {
            AddBrokenRun($"no .trx file in {folder}: no test project ran");
        }

        foreach (var file in files)
        {
            var document = System.Xml.Linq.XDocument.Load(file);
            var counters = document.Descendants().First(e => e.Name.LocalName == "Counters");
            int Read(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0");
            Passed += Read("passed");
            Failed += Read("failed") + Read("error") + Read("timeout") + Read("aborted");
            Skipped += Read("notExecuted");
        }

        if (exitCode != 0 && Failed == failedBefore)
        {
            AddBrokenRun($"dotnet test exited with {exitCode} for {folder} without a failed test (a crash or a hang): see its output above");
        }
    }

    public void AddConformance(string summaryFile, int exitCode)
    {
        if (!System.IO.File.Exists(summaryFile))
        {
            AddBrokenRun($"the conformance suite wrote no summary (exit code {exitCode})");
            return;
        }

        // The summary file holds "passed failed" for the cases the suite ran.
        var parts = System.IO.File.ReadAllText(summaryFile).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Passed += int.Parse(parts[0]);
        Failed += int.Parse(parts[1]);
        if (exitCode != 0)
        {
            _problems.Add($"the conformance suite failed (exit code {exitCode}): a MUST is not met, see conformance/REPORT.md");
        }
    }

    // A WebSocket fuzzing server report (artifacts/ws-conformance/<agent>/index.json: case id -> { "behavior": ... }).
    // OK, NON-STRICT and INFORMATIONAL pass, as Autobahn reads them; FAILED, UNIMPLEMENTED and anything else fail.
    public void AddWebSocketReport(string indexFile, int exitCode, string name)
    {
        if (!System.IO.File.Exists(indexFile))
        {
            AddBrokenRun($"{name}: the fuzzing server wrote no report {indexFile} (exit code {exitCode})");
            return;
        }

        int failedBefore = Failed;
        using var index = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(indexFile));
        foreach (var entry in index.RootElement.EnumerateObject())
        {
            var behavior = entry.Value.GetProperty("behavior").GetString();
            if (behavior is "OK" or "NON-STRICT" or "INFORMATIONAL")
            {
                Passed += 1;
            }
            else
            {
                Failed += 1;
                _problems.Add($"{name}: case {entry.Name} is {behavior}");
            }
        }

        if (exitCode != 0 && Failed == failedBefore)
        {
            AddBrokenRun($"{name} exited with {exitCode} without a failed case: see its output above");
        }
    }

    public void AddBrokenRun(string problem)
    {
        _problems.Add(problem);
        Failed += 1;
    }

    // Each target that runs tests writes its own file (test-totals.txt, interop-totals.txt), so CI can add them up.
    public void Print(Cake.Core.IO.DirectoryPath artifacts, string fileName = "test-totals.txt")
    {
        foreach (var problem in _problems)
        {
            Console.Error.WriteLine($"problem: {problem}");
        }

        var line = $"{Passed} passed, {Failed} failed, {Skipped} skipped";
        System.IO.Directory.CreateDirectory(artifacts.FullPath);
        System.IO.File.WriteAllText(System.IO.Path.Combine(artifacts.FullPath, fileName), line + "\n");
        Console.WriteLine(line);
    }

    public void ThrowIfFailed()
    {
        if (Failed > 0 || _problems.Count > 0)
        {
            throw new Exception($"{Failed} test(s) failed.");
        }
    }
}
