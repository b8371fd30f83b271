using Microsoft.AspNetCore.Components;

namespace Portal.Components.Interop;

/// <summary>What a JS module reads from an element: the element itself and its inputs. Another key means attach afresh.</summary>
public static class ElementKey
{
    public static string Of(ElementReference element, params IEnumerable<object?> inputs) =>
        string.Join('\u001f', new object?[] { element.Id }.Concat(inputs.SelectMany(Flatten)));

    private static IEnumerable<object?> Flatten(object? input) => input is IReadOnlyDictionary<string, object> attributes
        ? attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")
        : [input];
}
