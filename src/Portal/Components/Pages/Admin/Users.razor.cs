using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Security;

namespace Portal.Components.Pages.Admin;

public partial class Users
{
    [Inject] private UserManager<PortalUser> UserManager { get; set; } = default!;
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "create-user")] private NewUserForm? NewUser { get; set; }
    [SupplyParameterFromForm(FormName = "user-action")] private UserActionForm? Action { get; set; }

    private sealed record Row(string Id, string Name, IList<string> Roles, DateTimeOffset? LockedUntil, bool MustChangePassword);

    private List<Row> rows = [];
    private string? oneTimePassword;
    private string? oneTimeFor;
    private string? message;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task CreateAsync()
    {
        var name = NewUser?.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 64) message = "User name: 1 to 64 characters.";
        else if (!PortalRoles.All.Contains(NewUser!.Role)) message = "Role: choose Ops, Lead or Admin.";
        else
        {
            var user = new PortalUser { UserName = name, MustChangePassword = true };
            var password = OneTimePassword.New();
            var created = await UserManager.CreateAsync(user, password);
            if (created.Succeeded) created = await UserManager.AddToRoleAsync(user, NewUser.Role!);
            if (created.Succeeded) (oneTimePassword, oneTimeFor) = (password, name);
            else message = string.Join(" ", created.Errors.Select(e => e.Description));
        }
        await LoadAsync();
    }

    private async Task ActAsync()
    {
        if (Action?.SetRole?.Split('|') is [var id, var role] && PortalRoles.All.Contains(role) && await UserManager.FindByIdAsync(id) is { } target)
        {
            if (IsSelf(target) && role != PortalRoles.Admin) message = "You cannot take the Admin role from yourself.";
            else
            {
                await UserManager.RemoveFromRolesAsync(target, await UserManager.GetRolesAsync(target));
                await UserManager.AddToRoleAsync(target, role);
            }
        }
        else if (Action?.Reset is { } resetId && await UserManager.FindByIdAsync(resetId) is { } reset)
        {
            var password = OneTimePassword.New();
            await UserManager.RemovePasswordAsync(reset);
            await UserManager.AddPasswordAsync(reset, password);
            reset.MustChangePassword = true;
            await UserManager.UpdateAsync(reset);
            await UserManager.UpdateSecurityStampAsync(reset); // ends the user's open sessions
            (oneTimePassword, oneTimeFor) = (password, reset.UserName);
        }
        else if (Action?.Unlock is { } unlockId && await UserManager.FindByIdAsync(unlockId) is { } locked)
        {
            await UserManager.SetLockoutEndDateAsync(locked, null);
            await UserManager.ResetAccessFailedCountAsync(locked);
        }
        await LoadAsync();
    }

    private bool IsSelf(PortalUser user) => user.UserName == HttpContext.User.Identity?.Name;

    private async Task LoadAsync()
    {
        rows = [];
        foreach (var user in await UserManager.Users.OrderBy(u => u.UserName).ToListAsync())
        {
            var locked = user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : (DateTimeOffset?)null;
            rows.Add(new Row(user.Id, user.UserName ?? "", await UserManager.GetRolesAsync(user), locked, user.MustChangePassword));
        }
    }

    private sealed class NewUserForm
    {
        public string? Name { get; set; }
        public string? Role { get; set; }
    }

    private sealed class UserActionForm
    {
        public string? SetRole { get; set; }
        public string? Reset { get; set; }
        public string? Unlock { get; set; }
    }
}
