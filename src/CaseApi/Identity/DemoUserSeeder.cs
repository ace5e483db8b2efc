using System.Text.Json;
using CityOps.CaseApi.Hosting;
using CityOps.Cases.Organisation;
using CityOps.Cases.People;
using CityOps.Cases.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityOps.CaseApi.Identity;

/// <summary>In the Demo profile, fills an empty Users table with one account per role from definitions/people.</summary>
internal sealed partial class DemoUserSeeder(
    IServiceScopeFactory scopes, IOptions<IdentityOptions> options, DefinitionsFolder definitions, TimeProvider time, ILogger<DemoUserSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Profile != DeploymentProfile.Demo)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityOpsDbContext>();
        if (await db.Set<UserAccount>().AnyAsync(cancellationToken))
        {
            return;
        }

        var file = definitions.PathOf("people", "demo-users.json");
        await using var stream = File.OpenRead(file);
        var seed = await JsonSerializer.DeserializeAsync<DemoUserFile>(stream, JsonSerializerOptions.Web, cancellationToken)
            ?? throw new InvalidOperationException($"{file} is empty.");

        // One hash for the shared demo password: PBKDF2 is slow on purpose, and every demo account has the same password.
        var hash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<UserAccount>>().HashPassword(new UserAccount(), options.Value.DemoPassword);
        foreach (var u in seed.Users)
        {
            var unknown = u.Roles.Where(r => !Enum.TryParse<Role>(r, out _)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException($"{file}: user '{u.UserName}' has unknown role(s) {string.Join(", ", unknown)}.");
            }

            db.Add(new UserAccount
            {
                Id = Guid.NewGuid(), UserName = u.UserName.ToLowerInvariant(), DisplayName = u.DisplayName, PasswordHash = hash,
                Roles = [.. u.Roles], DepartmentCode = u.DepartmentCode, AreaCode = u.AreaCode, CreatedAt = time.GetUtcNow(),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        LogSeeded(logger, seed.Users.Count, file);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo profile: seeded {Count} demo accounts from {File} (password in README)")]
    private static partial void LogSeeded(ILogger logger, int count, string file);

    private sealed record DemoUserFile(List<DemoUser> Users);

    private sealed record DemoUser(string UserName, string DisplayName, List<string> Roles, string? DepartmentCode, string? AreaCode);
}
