using CityOps.Cases.Organisation;
using Microsoft.AspNetCore.Authorization;

namespace CityOps.CaseApi.Identity;

/// <summary>
/// Every endpoint names one of these policies. Roles are those of <see cref="Role"/> (DOMAIN.md §2); the
/// department scope of a department handler is checked by the endpoint on the resource itself.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in person.</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>Administrators: catalog, routing table, calendar, people, workflow definitions.</summary>
    public const string Administer = "Administer";

    /// <summary>Report a case: inspectors, acceptors (hotline), shift leaders, administrators (integrations).</summary>
    public const string ReportCases = "ReportCases";

    /// <summary>Command centre staff who register, dispatch, approve and close.</summary>
    public const string Command = "Command";

    /// <summary>Read assessment and every case (auditors, shift leaders, administrators).</summary>
    public const string Audit = "Audit";

    /// <summary>See workflow instances and their journals (command centre, auditors, administrators).</summary>
    public const string ReadWorkflows = "ReadWorkflows";

    /// <summary>Start, cancel and retry instances, raise events (shift leaders, administrators, integrations).</summary>
    public const string OperateWorkflows = "OperateWorkflows";

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(Administer, p => p.RequireRole(nameof(Role.Administrator)));
        options.AddPolicy(ReportCases, p => p.RequireRole(nameof(Role.Inspector), nameof(Role.Acceptor), nameof(Role.ShiftLeader), nameof(Role.Administrator)));
        options.AddPolicy(Command, p => p.RequireRole(nameof(Role.Acceptor), nameof(Role.ShiftLeader), nameof(Role.Dispatcher), nameof(Role.Administrator)));
        options.AddPolicy(Audit, p => p.RequireRole(nameof(Role.Auditor), nameof(Role.ShiftLeader), nameof(Role.Administrator)));
        options.AddPolicy(ReadWorkflows, p => p.RequireRole(
            nameof(Role.Acceptor), nameof(Role.ShiftLeader), nameof(Role.Dispatcher), nameof(Role.Auditor), nameof(Role.Administrator)));
        options.AddPolicy(OperateWorkflows, p => p.RequireRole(nameof(Role.ShiftLeader), nameof(Role.Administrator)));
        options.FallbackPolicy = null; // health, OpenAPI and the sign-in page stay anonymous; everything else names a policy
    }
}
