using System;
using System.IO;

namespace Reqivo.Interop.Tests.Infrastructure;

/// <summary>Finds the repository the tests were built from, so they read the files the interop scripts wrote there.</summary>
internal static class RepositoryRoot
{
    private const string Marker = "Reqivo.sln";

    /// <summary>The first directory at or above the test assembly that holds <c>Reqivo.sln</c>.</summary>
    public static string Find()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, Marker)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {Marker} found at or above {AppContext.BaseDirectory}: run the interop tests from the repository.");
    }
}
