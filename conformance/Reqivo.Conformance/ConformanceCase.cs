using System;

namespace Reqivo.Conformance;

/// <summary>
/// One requirement of one RFC section, checked against the codec. <see cref="Check"/> returns normally
/// when the codec meets the requirement and throws <see cref="ConformanceFailure"/> (or anything else)
/// when it does not.
/// </summary>
internal sealed record ConformanceCase(
    string Id,
    string Rfc,
    string Section,
    RequirementLevel Level,
    string Requirement,
    Action Check);

/// <summary>Thrown by a check whose requirement is not met.</summary>
internal sealed class ConformanceFailure(string message) : Exception(message);
