using System;
using System.IO;

namespace Reqivo.Tests;

/// <summary>
/// Locates the public test vectors, which live outside the repository (never copied into it): the folder named by
/// <c>REQIVO_VECTORS</c>, else <c>../shared/vectors</c> beside the repository root.
/// </summary>
internal static class TestVectors
{
    private static readonly Lazy<string?> RootPath = new(FindRoot);

    /// <summary>The vectors folder, or null when it is absent on this machine.</summary>
    public static string? Root => RootPath.Value;

    /// <summary>The message a vector-driven test is skipped with when the folder is absent.</summary>
    public const string MissingMessage =
        "Test vectors not found: set REQIVO_VECTORS or place them in ../shared/vectors beside the repository.";

    /// <summary>The full path of a file or folder under the vectors root; throws when the vectors are absent.</summary>
    public static string PathOf(string relative) =>
        Path.Combine(Root ?? throw new InvalidOperationException(MissingMessage), relative);

    private static string? FindRoot()
    {
        string? configured = Environment.GetEnvironmentVariable("REQIVO_VECTORS");
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        // Walk up from the test binaries to the repository root (the folder holding Reqivo.sln).
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reqivo.sln")))
            {
                string candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "vectors"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs the test vectors: skipped, with <see cref="TestVectors.MissingMessage"/>, only when they are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class VectorFactAttribute : FactAttribute
{
    public VectorFactAttribute()
    {
        if (TestVectors.Root is null)
        {
            Skip = TestVectors.MissingMessage;
        }
    }
}

/// <summary>A theory that needs the test vectors: skipped only when they are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class VectorTheoryAttribute : TheoryAttribute
{
    public VectorTheoryAttribute()
    {
        if (TestVectors.Root is null)
        {
            Skip = TestVectors.MissingMessage;
        }
    }
}
