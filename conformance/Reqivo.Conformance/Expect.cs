using System;
using Reqivo.Protocol;

namespace Reqivo.Conformance;

/// <summary>The small assertion vocabulary the cases use.</summary>
internal static class Expect
{
    public static void True(bool condition, string what)
    {
        if (!condition)
        {
            throw new ConformanceFailure(what);
        }
    }

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!Equals(expected, actual))
        {
            throw new ConformanceFailure($"{what}: expected '{expected}', got '{actual}'");
        }
    }

    public static TException Throws<TException>(Action action, string what)
        where TException : Exception
    {
        try
        {
            action();
        }
        catch (TException expected)
        {
            return expected;
        }
        catch (Exception other)
        {
            throw new ConformanceFailure($"{what}: expected {typeof(TException).Name}, got {other.GetType().Name}: {other.Message}");
        }

        throw new ConformanceFailure($"{what}: expected {typeof(TException).Name}, nothing was thrown");
    }

    /// <summary>
    /// Like <see cref="Throws{TException}(Action, string)"/> for a call whose result is of no interest (a constructor
    /// or factory expected to refuse its arguments).
    /// </summary>
    public static TException Throws<TException>(Func<object?> create, string what)
        where TException : Exception =>
        Throws<TException>(() => { _ = create(); }, what);

    /// <summary>The decoder accepted the response and reported its end.</summary>
    public static void Completed(ResponseRun run, string what)
    {
        if (run.Error is not null)
        {
            throw new ConformanceFailure($"{what}: refused with {run.Error.Error} ({run.Error.Message})");
        }

        True(run.Completed, $"{what}: the response did not end ({run})");
    }

    /// <summary>The decoder refused the response with <paramref name="error"/>.</summary>
    public static void Rejected(ResponseRun run, ProtocolError error, string what)
    {
        if (run.Error is null)
        {
            throw new ConformanceFailure($"{what}: accepted, expected {error} ({run})");
        }

        Equal(error, run.Error.Error, $"{what}: kind of refusal");
    }

    /// <summary>Two strings of octets are equal; shows control octets as escapes when they are not.</summary>
    public static void Octets(string expected, string actual, string what)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new ConformanceFailure($"{what}: expected \"{Wire.Escape(expected)}\", got \"{Wire.Escape(actual)}\"");
        }
    }

    /// <summary>The field <paramref name="name"/> has exactly the values <paramref name="expected"/>, in order.</summary>
    public static void Values(HttpHeaders? fields, string name, string[] expected, string what)
    {
        True(fields is not null, $"{what}: no fields");
        var actual = fields!.GetValues(name);
        Equal(expected.Length, actual.Count, $"{what}: number of {name} lines");
        for (int i = 0; i < expected.Length; i++)
        {
            Octets(expected[i], actual[i], $"{what}: {name} line {i + 1}");
        }
    }
}
