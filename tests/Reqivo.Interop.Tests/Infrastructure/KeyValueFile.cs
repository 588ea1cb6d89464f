using System;
using System.Collections.Generic;
using System.IO;

namespace Reqivo.Interop.Tests.Infrastructure;

/// <summary>Reads the <c>name=value</c> files the interop scripts write (<c>server.env</c>, <c>cert.sha256</c>).</summary>
internal static class KeyValueFile
{
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadAllLines(path))
        {
            int separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0)
            {
                values[line[..separator].Trim()] = line[(separator + 1)..].Trim();
            }
        }

        return values;
    }

    public static string Require(this IReadOnlyDictionary<string, string> values, string name, string path) =>
        values.TryGetValue(name, out string? value) && value.Length > 0
            ? value
            : throw new InvalidOperationException($"{path} has no '{name}=' line; restart the server with build/interop/nginx.sh.");
}
