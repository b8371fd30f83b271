using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Processing;

/// <summary>Sends native call records with chosen start times, as the platform SDK would.</summary>
public static class NativeCalls
{
    public static object Record(string service, string instance, DateTime startUtc, double durationMs = 10, bool success = true, string? parent = null,
        string? traceId = null, string endpoint = "debit") => new
    {
        traceId = traceId ?? Guid.NewGuid().ToString("N"),
        spanId = Guid.NewGuid().ToString("N")[..16],
        parentSpanId = parent,
        service,
        @interface = endpoint,
        instance,
        startTime = startUtc.ToString("O"),
        durationMs,
        success,
        resultCode = success ? "0000" : "E1",
    };

    public static async Task SendAsync(HttpClient client, params object[] records)
    {
        var response = await client.PostAsJsonAsync("/api/ingest/calls", new { records });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static async Task<long> CountAsync(HttpClient client, string service, DateTime fromUtc, DateTime toUtc)
    {
        var series = await client.GetFromJsonAsync<JsonElement>(
            $"/api/series?scope=service&key={Uri.EscapeDataString(service)}&from={fromUtc:O}&to={toUtc:O}&resolution=1s");
        return series.GetProperty("total").GetProperty("count").GetInt64();
    }
}
