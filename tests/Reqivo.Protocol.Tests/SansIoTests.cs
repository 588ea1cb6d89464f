using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Reqivo.Protocol;

namespace Reqivo.Protocol.Tests;

/// <summary>Reqivo.Protocol is sans-I/O: its compiled assembly must not reference sockets, streams, tasks or clocks.</summary>
public sealed class SansIoTests
{
    private static readonly string[] ForbiddenNamespaces = ["System.Net.Sockets", "System.Threading.Tasks", "System.Net.Security"];

    private static readonly string[] ForbiddenTypes =
    [
        "System.IO.Stream", "System.Threading.Thread", "System.Threading.Timer", "System.Random",
        "System.TimeProvider", "System.Diagnostics.Stopwatch", "System.Environment",
    ];

    private static readonly string[] ForbiddenMembers = ["DateTime.get_Now", "DateTime.get_UtcNow", "DateTimeOffset.get_Now", "DateTimeOffset.get_UtcNow"];

    [Fact]
    public void Assembly_references_no_io_task_or_clock_type()
    {
        (HashSet<string> types, HashSet<string> members) = ReadReferences();

        Assert.DoesNotContain(types, t => ForbiddenTypes.Contains(t) || ForbiddenNamespaces.Any(ns => t.StartsWith(ns + ".", StringComparison.Ordinal)));
        Assert.DoesNotContain(members, ForbiddenMembers.Contains);
    }

    [Fact]
    public void The_inspection_sees_type_references_at_all()
    {
        // Guards the test above against reading nothing: the codec certainly uses these.
        (HashSet<string> types, _) = ReadReferences();

        Assert.Contains("System.ArgumentException", types);
        Assert.Contains("System.String", types);
    }

    private static (HashSet<string> Types, HashSet<string> Members) ReadReferences()
    {
        using var file = System.IO.File.OpenRead(typeof(HttpHeaders).Assembly.Location);
        using var pe = new PEReader(file);
        MetadataReader md = pe.GetMetadataReader();
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (TypeReferenceHandle handle in md.TypeReferences)
        {
            TypeReference type = md.GetTypeReference(handle);
            types.Add($"{md.GetString(type.Namespace)}.{md.GetString(type.Name)}");
        }

        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (MemberReferenceHandle handle in md.MemberReferences)
        {
            MemberReference member = md.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeReference)
            {
                TypeReference parent = md.GetTypeReference((TypeReferenceHandle)member.Parent);
                members.Add($"{md.GetString(parent.Name)}.{md.GetString(member.Name)}");
            }
        }

        return (types, members);
    }
}
