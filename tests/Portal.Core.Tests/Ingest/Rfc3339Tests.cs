using Portal.Core.Ingest;

namespace Portal.Core.Tests.Ingest;

public class Rfc3339Tests
{
    [Theory]
    [InlineData("2025-03-01T10:00:00Z", "2025-03-01T10:00:00.0000000")]
    [InlineData("2025-03-01t10:00:00z", "2025-03-01T10:00:00.0000000")]
    [InlineData("2025-03-01 18:00:00+08:00", "2025-03-01T10:00:00.0000000")]
    [InlineData("2025-03-01T05:30:00.5-04:30", "2025-03-01T10:00:00.5000000")]
    [InlineData("2025-03-01T10:00:00.123456789Z", "2025-03-01T10:00:00.1234567")]
    [InlineData("2024-02-29T23:59:59+00:00", "2024-02-29T23:59:59.0000000")]
    public void ParsesToUtc(string text, string expected)
    {
        Assert.True(Rfc3339.TryParse(text, out var utc));
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(expected, utc.ToString("yyyy-MM-ddTHH:mm:ss.fffffff"));
    }

    [Theory]
    [InlineData("2025-03-01T10:00:00")]
    [InlineData("2025-03-01")]
    [InlineData("2025-02-29T10:00:00Z")]
    [InlineData("2025-03-01T24:00:00Z")]
    [InlineData("2025-03-01T23:59:60Z")]
    [InlineData("2025-03-01T10:00:00.Z")]
    [InlineData("2025-03-01T10:00:00+0800")]
    [InlineData("2025-03-01T10:00:00+24:00")]
    [InlineData("2025-3-01T10:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("1700000000")]
    public void RefusesAnythingElse(string text)
    {
        Assert.False(Rfc3339.TryParse(text, out _));
    }
}
