// Reqivo's build. Run it through ./build.sh <target> (or build.cmd on Windows), which restores the
// Cake local tool first. Each target is documented in docs/build.md.
#load "lib/totals.cake"
#load "lib/process.cake"

var target = Argument("target", "test");
var configuration = Argument("configuration", "Release");

var root = MakeAbsolute(Directory(".."));
var artifacts = root.Combine("artifacts");
var solution = root.CombineWithFilePath("Reqivo.sln");
var testResults = artifacts.Combine("test-results");
var totals = new TestTotals();

var knownTargets = new[] { "compile", "test", "conformance", "mutation", "pack" };
if (!knownTargets.Contains(target))
{
    Error($"Unknown target '{target}'. Known targets: {string.Join(", ", knownTargets)}.");
    Environment.Exit(2);
}

Task("compile")
    .Description("Restores and builds every project, warnings as errors.")
    .Does(() =>
{
    Run("dotnet", $"build \"{solution}\" -c {configuration} -nologo -warnaserror", root);
});

Task("conformance")
    .Description("The RFC conformance suite alone; writes conformance/REPORT.md and fails on any failing MUST.")
    .IsDependentOn("compile")
    .Does(() =>
{
    RunConformance();
    totals.Print(artifacts);
    totals.ThrowIfFailed();
});

Task("test")
    .Description("Compiles, runs every unit and loopback test project and the conformance suite, and prints the totals.")
    .IsDependentOn("compile")
    .Does(() =>
{
    CleanDirectory(testResults);
    // One run per project, each into its own folder, so every project leaves exactly one .trx to count.
    // Interop tests need third-party servers and run in their own target.
    foreach (var project in GetFiles($"{root}/tests/*/*.Tests.csproj").Where(p => !p.FullPath.Contains(".Interop.")))
    {
        var name = project.GetFilenameWithoutExtension().ToString();
        // A hang is a bug: --blame-hang-timeout ends a stuck test run with a dump instead of eating CI's time.
        var exit = RunAllowingFailure("dotnet",
            $"test \"{project}\" -c {configuration} --no-build -nologo --logger trx --results-directory \"{testResults}/{name}\" --blame-hang-timeout 5m",
            root);
        totals.AddTrxFolder($"{testResults}/{name}", exit);
    }

    RunConformance();
    totals.Print(artifacts);
    totals.ThrowIfFailed();
});

void RunConformance()
{
    var summary = artifacts.CombineWithFilePath("conformance-summary.txt");
    EnsureDirectoryExists(artifacts);
    var exit = RunAllowingFailure("dotnet",
        $"run --project conformance/Reqivo.Conformance -c {configuration} --no-build -- --report conformance/REPORT.md --summary \"{summary}\"",
        root);
    totals.AddConformance(summary.FullPath, exit);
}

Task("mutation")
    .Description("Stryker.NET on every package that declares a MutationBreakThreshold; fails below the threshold.")
    .Does(() =>
{
    foreach (var project in GetFiles($"{root}/packages/*/*.csproj"))
    {
        var threshold = XmlPeekOrNull(project, "/Project/PropertyGroup/MutationBreakThreshold");
        if (threshold is null)
        {
            continue;
        }

        var name = project.GetFilenameWithoutExtension().ToString();
        var testProject = root.CombineWithFilePath($"tests/{name}.Tests/{name}.Tests.csproj");
        var output = artifacts.Combine($"mutation/{name}");
        Information($"Mutation testing {name} (break threshold {threshold} %)");
        Run("dotnet",
            $"dotnet-stryker --project {name}.csproj --test-project \"{testProject}\" --config-file \"{root}/build/stryker-config.json\" --break-at {threshold} --output \"{output}\"",
            root.Combine($"tests/{name}.Tests"));
    }
});

Task("pack")
    .Description("One .nupkg per package, each with its own version, in artifacts/packages.")
    .IsDependentOn("compile")
    .Does(() =>
{
    var output = artifacts.Combine("packages");
    CleanDirectory(output);
    foreach (var project in GetFiles($"{root}/packages/*/*.csproj"))
    {
        Run("dotnet", $"pack \"{project}\" -c {configuration} --no-build -nologo -o \"{output}\"", root);
    }

    var packed = GetFiles($"{output}/*.nupkg");
    foreach (var package in packed)
    {
        Information($"packed {package.GetFilename()}");
    }

    var expected = GetFiles($"{root}/packages/*/*.csproj").Count;
    if (packed.Count != expected)
    {
        throw new Exception($"Expected {expected} packages (one per project under packages/), found {packed.Count}.");
    }
});

string XmlPeekOrNull(FilePath file, string xpath)
{
    var document = System.Xml.Linq.XDocument.Load(file.FullPath);
    var element = System.Xml.XPath.Extensions.XPathSelectElement(document, xpath);
    return element?.Value;
}

RunTarget(target);
