using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Components.Ui;

public partial class TimeRangePicker
{
    /// <summary>The parameters this picker writes; a new range also returns to the first page.</summary>
    private static readonly HashSet<string> OwnParameters = new(StringComparer.OrdinalIgnoreCase) { "range", "from", "to", "page" };

    /// <summary>The page's current range, from <see cref="TimeRange.Parse"/>.</summary>
    [Parameter, EditorRequired] public TimeRange Value { get; set; } = default!;

    /// <summary>Offer "Live" only where the page subscribes to the live feed.</summary>
    [Parameter] public bool ShowLive { get; set; } = true;

    private IEnumerable<TimeRangePreset> VisiblePresets => TimeRange.Presets.Where(p => ShowLive || !p.IsLive);

    private string Path => new Uri(Navigation.Uri).AbsolutePath;

    private string CustomLabel => Value.IsCustom
        ? string.Create(CultureInfo.InvariantCulture, $"{Value.From.UtcDateTime:yyyy-MM-dd HH:mm} – {Value.To.UtcDateTime:yyyy-MM-dd HH:mm} UTC")
        : "Custom";

    /// <summary>The page's other filters, carried through the custom form as hidden fields.</summary>
    private IEnumerable<(string Name, string Value)> KeptParameters =>
        QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query)
            .Where(p => !OwnParameters.Contains(p.Key))
            .SelectMany(p => p.Value.Select(v => (p.Key, v ?? "")));

    private string PresetHref(TimeRangePreset preset) => Navigation.WithQuery(new Dictionary<string, object?>
    {
        ["range"] = preset.Key,
        ["from"] = null,
        ["to"] = null,
        ["page"] = null,
    });
}
