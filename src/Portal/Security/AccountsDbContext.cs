using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Portal.Security;

/// <summary>ASP.NET Core Identity's tables (users, roles, claims) in the portal's PostgreSQL, created by migrations/0004.</summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : IdentityDbContext<PortalUser>(options);
