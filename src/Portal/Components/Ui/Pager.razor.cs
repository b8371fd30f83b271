using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Portal.Components.Ui;

public partial class Pager
{
    /// <summary>The current page, 1-based, as read from ?page= (values below 1 are treated as 1).</summary>
    [Parameter, EditorRequired] public int Page { get; set; } = 1;

    [Parameter, EditorRequired] public int PageSize { get; set; } = 50;

    /// <summary>All matching rows, when the query can count them cheaply.</summary>
    [Parameter] public long? TotalCount { get; set; }

    /// <summary>Without a total: whether a next page exists (the page query fetched one row more than it shows).</summary>
    [Parameter] public bool HasMore { get; set; }

    /// <summary>The query parameter holding the page; change it when a page has two pagers.</summary>
    [Parameter] public string QueryName { get; set; } = "page";

    /// <summary>How many page numbers to show either side of the current one.</summary>
    [Parameter] public int Window { get; set; } = 2;

    private int LastPage => TotalCount is { } total
        ? (int)Math.Max(1, (total + PageSize - 1) / PageSize)
        : HasMore ? Current + 1 : Current;

    private bool HasNext => Current < LastPage;

    private IReadOnlyList<int?> Items => PageItems(Current, LastPage, Window);

    private string Summary
    {
        get
        {
            var first = (long)(Current - 1) * PageSize + 1;
            var last = (long)Current * PageSize;
            return TotalCount is { } total
                ? string.Create(CultureInfo.InvariantCulture, $"Rows {Math.Min(first, total):N0}–{Math.Min(last, total):N0} of {total:N0}")
                : string.Create(CultureInfo.InvariantCulture, $"Rows {first:N0}–{last:N0}");
        }
    }

    private int Current => Math.Max(1, Page);

    protected override void OnParametersSet()
    {
        if (PageSize < 1) throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "A page holds at least one row.");
    }

    /// <summary>Page 1 drops the parameter, so the first page has one canonical URL.</summary>
    private string HrefFor(int page) => Navigation.WithQuery(QueryName, page <= 1 ? null : page);

    /// <summary>The page numbers to link: the first, the last and a window around the current page; null marks a gap.</summary>
    public static IReadOnlyList<int?> PageItems(int current, int last, int window)
    {
        var pages = new SortedSet<int> { 1, last };
        for (var page = Math.Max(1, current - window); page <= Math.Min(last, current + window); page++) pages.Add(page);

        var items = new List<int?>();
        foreach (var page in pages)
        {
            if (items.Count > 0 && items[^1] is { } previous && page - previous > 1)
            {
                // A gap of one page shows that page: "…" would take the same room.
                items.Add(page - previous == 2 ? previous + 1 : null);
            }
            items.Add(page);
        }
        return items;
    }
}
