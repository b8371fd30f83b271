using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;

namespace Portal.Tests.Components;

/// <summary>Renders a component to HTML with Blazor's HtmlRenderer, as static SSR does, at a given page URL.</summary>
internal static class ComponentRenderer
{
    public static async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters, string url = "http://localhost/")
        where TComponent : IComponent
    {
        var services = new ServiceCollection()
            .AddSingleton<NavigationManager>(new FixedNavigationManager(url))
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton<IJSRuntime, NoJsRuntime>()
            .BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }

    /// <summary>The request's URL, as the server's NavigationManager sees it during static rendering.</summary>
    private sealed class FixedNavigationManager : NavigationManager
    {
        public FixedNavigationManager(string uri) => Initialize("http://localhost/", uri);

        protected override void NavigateToCore(string uri, NavigationOptions options) =>
            throw new InvalidOperationException("Components under test do not navigate.");
    }

    /// <summary>Static rendering has no browser: a component that calls JavaScript while rendering fails the test.</summary>
    private sealed class NoJsRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException($"{identifier} was called during static rendering.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException($"{identifier} was called during static rendering.");
    }
}
