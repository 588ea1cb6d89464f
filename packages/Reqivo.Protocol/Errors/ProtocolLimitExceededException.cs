using System.Globalization;

namespace Reqivo;

/// <summary>
/// The peer sent more than a configured limit allows. <see cref="LimitName"/> is the name of the limit's
/// property (for example <c>MaxHeaderBytes</c>) and <see cref="Limit"/> the value in force.
/// </summary>
public sealed class ProtocolLimitExceededException : ProtocolException
{
    /// <summary>Creates an exception for the limit that was exceeded.</summary>
    /// <param name="limitName">The name of the limit's property.</param>
    /// <param name="limit">The value of the limit in force.</param>
    /// <param name="what">What exceeded it, for people (for example "the response header section").</param>
    public ProtocolLimitExceededException(string limitName, long limit, string what)
        : base(ProtocolError.LimitExceeded, string.Create(CultureInfo.InvariantCulture, $"{what} exceeds the limit {limitName} = {limit}."))
    {
        LimitName = limitName;
        Limit = limit;
    }

    /// <summary>The name of the limit's property, for example <c>MaxHeaderBytes</c>.</summary>
    public string LimitName { get; }

    /// <summary>The value of the limit that was in force.</summary>
    public long Limit { get; }
}
