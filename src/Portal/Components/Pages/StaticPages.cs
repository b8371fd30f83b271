using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing.Template;

namespace Portal.Components.Pages;

/// <summary>
/// The addresses of the pages excluded from interactive routing (sign-in, password, admin forms), read from their
/// attributes. A circuit's router does not know these pages, so an in-app link to one must be loaded from the server.
/// </summary>
public static class StaticPages
{
    private static readonly TemplateMatcher[] Matchers = typeof(StaticPages).Assembly.GetTypes()
        .Where(type => type.IsDefined(typeof(ExcludeFromInteractiveRoutingAttribute), inherit: false))
        .SelectMany(type => type.GetCustomAttributes<RouteAttribute>())
        .Select(route => new TemplateMatcher(TemplateParser.Parse(route.Template.TrimStart('/')), []))
        .ToArray();

    public static bool Contains(string path) => Matchers.Any(matcher => matcher.TryMatch(path, []));
}
