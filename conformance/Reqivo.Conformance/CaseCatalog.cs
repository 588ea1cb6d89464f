using System.Collections.Generic;

namespace Reqivo.Conformance;

/// <summary>Every case of the suite, gathered from one class per RFC area.</summary>
internal static class CaseCatalog
{
    public static IEnumerable<ConformanceCase> All()
    {
        foreach (ConformanceCase c in FieldCases.All())
        {
            yield return c;
        }
    }
}
