using System;

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
}
