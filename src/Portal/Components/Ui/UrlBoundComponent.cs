using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace Portal.Components.Ui;

/// <summary>
/// A component whose links are built from the current URL (pager, sort headers, range picker, search box). An in-app
/// navigation may leave its parameters as they were (another sort keeps page 1), so it renders again on every one.
/// </summary>
public abstract class UrlBoundComponent : ComponentBase, IDisposable
{
    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    protected sealed override void OnInitialized() => Navigation.LocationChanged += OnLocationChanged;

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        GC.SuppressFinalize(this);
    }
}
