using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Portal.Components.Layout;

public partial class NavMenu
{
    [Inject] private IServiceProvider Services { get; set; } = default!;
    [Inject] private ILogger<NavMenu> Logger { get; set; } = default!;

    private IReadOnlyDictionary<string, int> counts = new Dictionary<string, int>();

    protected override async Task OnInitializedAsync()
    {
        if (Services.GetService<INavBadgeSource>() is not { } source) return;
        try
        {
            counts = await source.GetCountsAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // A count is a hint: the navigation must render even when the store is down.
            Logger.LogWarning(e, "Navigation counts are unavailable");
        }
    }

    private int? CountOf(NavItem item) => counts.TryGetValue(item.Key, out var count) && count > 0 ? count : null;

    private static string FormatCount(int count) => count > 99 ? "99+" : count.ToString(CultureInfo.InvariantCulture);
}
