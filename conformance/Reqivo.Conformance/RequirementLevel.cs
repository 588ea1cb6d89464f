namespace Reqivo.Conformance;

/// <summary>RFC 2119 requirement levels; the suite fails when a MUST case fails.</summary>
internal enum RequirementLevel
{
    Must,
    Should,
    May,
}
