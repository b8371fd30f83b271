using System.Text.Json;
using Portal.TrafficGen.Senders;
using Portal.TrafficGen.Simulation;

namespace Portal.TrafficGen.Tests;

/// <summary>Batches serialise to the documented native JSON and CloudEvents shapes.</summary>
public sealed class WireFormatTests
{
    private static readonly Transaction Failed = Samples.Thousands.Value.First(t => !t.Success);

    [Fact]
    public void Call_records_have_the_native_field_names_and_types()
    {
        using var json = JsonDocument.Parse(NativeJsonWriter.CallRecords(Failed.Spans));
        var records = json.RootElement.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(Failed.Spans.Count, records.Count);

        var root = records[0];
        Assert.Equal(
            ["traceId", "spanId", "parentSpanId", "service", "interface", "instance", "startTime", "durationMs", "resultCode", "success", "message", "scenario", "kind", "attributes"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("parentSpanId").ValueKind);
        Assert.Equal(Failed.Scenario, root.GetProperty("scenario").GetString());
        Assert.False(root.GetProperty("success").GetBoolean());
        Assert.Equal(Failed.Scenario, root.GetProperty("attributes").GetProperty("business.scenario").GetString());

        foreach (var record in records)
        {
            Assert.Matches("^[0-9a-f]{32}$", record.GetProperty("traceId").GetString());
            Assert.Matches("^[0-9a-f]{16}$", record.GetProperty("spanId").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$", record.GetProperty("startTime").GetString());
            Assert.Equal(JsonValueKind.Number, record.GetProperty("durationMs").ValueKind);
            Assert.Contains(record.GetProperty("kind").GetString(), new[] { "server", "client" });
            Assert.All(record.GetProperty("attributes").EnumerateObject(),
                a => Assert.Contains(a.Value.ValueKind, new[] { JsonValueKind.String, JsonValueKind.Number, JsonValueKind.True, JsonValueKind.False }));
        }
        var child = records[1];
        Assert.Equal(records[0].GetProperty("spanId").GetString(), child.GetProperty("parentSpanId").GetString());
        Assert.False(child.TryGetProperty("scenario", out _));
    }

    [Fact]
    public void Log_lines_have_the_native_field_names_and_levels()
    {
        using var json = JsonDocument.Parse(NativeJsonWriter.Logs(Failed.Logs));
        var logs = json.RootElement.GetProperty("logs").EnumerateArray().ToList();
        Assert.Equal(Failed.Logs.Count, logs.Count);
        var linked = logs.First(l => l.TryGetProperty("spanId", out _));
        Assert.Equal(["time", "service", "instance", "level", "message", "traceId", "spanId", "attributes"], linked.EnumerateObject().Select(p => p.Name));
        Assert.All(logs, l => Assert.Contains(l.GetProperty("level").GetString(), new[] { "debug", "info", "warn", "error" }));
        Assert.Contains(logs, l => l.GetProperty("level").GetString() == "error");
    }

    [Fact]
    public void Events_are_a_cloudevents_batch()
    {
        var events = Samples.Thousands.Value.SelectMany(t => t.Events).Take(5).ToList();
        using var json = JsonDocument.Parse(CloudEventsWriter.Batch(events));
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        foreach (var item in items)
        {
            Assert.Equal("1.0", item.GetProperty("specversion").GetString());
            Assert.StartsWith("com.bank.", item.GetProperty("type").GetString());
            Assert.False(string.IsNullOrEmpty(item.GetProperty("id").GetString()));
            Assert.StartsWith("/bank/", item.GetProperty("source").GetString());
            Assert.Equal(JsonValueKind.Object, item.GetProperty("data").ValueKind);
            Assert.Equal("application/json", item.GetProperty("datacontenttype").GetString());
        }
    }
}
