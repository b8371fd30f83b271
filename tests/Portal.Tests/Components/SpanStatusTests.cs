using System.Text.RegularExpressions;
using Portal.Components.Telemetry;
using Portal.Core.Records;
using Portal.Queries;

namespace Portal.Tests.Components;

public class SpanStatusTests
{
    [Theory]
    [InlineData(true, "ERROR", "badge--error", "error")]
    [InlineData(false, "OK", "badge--ok", "ok")]
    [InlineData(false, null, "badge--ok", "ok")]
    [InlineData(true, "E1001", "badge--error", "error E1001")]
    [InlineData(false, "UNSET", "badge--ok", "ok UNSET")]
    public async Task The_status_badge_names_a_code_only_when_it_says_more_than_error_or_ok(bool isError, string? code, string toneClass, string expected)
    {
        var start = new DateTime(2026, 12, 2, 3, 0, 0, DateTimeKind.Utc);
        var span = new SpanRecord
        {
            TraceId = new TraceId(1, 2), SpanId = new SpanId(3), Service = "payments", Endpoint = "POST /pay", Instance = "pay-1",
            StartTime = start, DurationMicros = 1_000, IsError = isError, StatusCode = code,
        };
        var html = await ComponentRenderer.RenderAsync<SpanDetails>(new Dictionary<string, object?>
        {
            [nameof(SpanDetails.Row)] = new WaterfallRow(span, 0, start, TimeSpan.Zero, 0, 100, 1_000, false, false),
            [nameof(SpanDetails.TraceId)] = span.TraceId.ToString(),
        }, "http://localhost/traces/00000000000000010000000000000002?span=0000000000000003");

        var badge = Regex.Match(html, "<span class=\"badge ([^\"]+)\">([^<]*)</span>");
        Assert.True(badge.Success, html);
        Assert.Equal(toneClass, badge.Groups[1].Value);
        Assert.Equal(expected, badge.Groups[2].Value.Trim());
    }
}
