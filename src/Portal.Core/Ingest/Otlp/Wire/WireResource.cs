using System.Text;
using Portal.Core.Otlp.Proto.Resource.V1;

namespace Portal.Core.Ingest.Otlp.Wire;

/// <summary>
/// What the portal takes from an OTLP resource: the service (<c>service.name</c>, else "unknown_service" as the
/// OpenTelemetry SDKs default to), the instance (<c>service.instance.id</c>, else <c>host.name</c>, else
/// "unknown_instance") and the scenario attribute, which spans inherit when they do not set it themselves.
/// </summary>
internal readonly record struct WireResource(string Service, string Instance, string? Scenario)
{
    public const string UnknownService = "unknown_service";
    public const string UnknownInstance = "unknown_instance";

    private const uint AttributesTag = Resource.AttributesFieldNumber << 3 | ProtoReader.LengthDelimited;

    private static ReadOnlySpan<byte> ServiceName => "service.name"u8;
    private static ReadOnlySpan<byte> ServiceInstanceId => "service.instance.id"u8;
    private static ReadOnlySpan<byte> HostName => "host.name"u8;

    /// <summary>Reads the resource (every occurrence, merged as protobuf merges repeated fields); the error's field is under <c>resource</c>.</summary>
    public static WireResource Read(ReadOnlySpan<byte> owner, List<Range> resources, IngestOptions options, byte[] scenarioKey,
        Utf8StringCache strings, out FieldError? error)
    {
        error = null;
        string? service = null, instanceId = null, host = null, scenario = null;
        int serviceAt = -1, instanceAt = -1, hostAt = -1, scenarioAt = -1, index = 0;
        foreach (var range in resources)
        {
            var reader = new ProtoReader(owner[range]);
            while (!reader.End)
            {
                var tag = reader.ReadTag();
                if (tag != AttributesTag)
                {
                    reader.Skip(tag);
                    continue;
                }
                WireAttributes.ReadKeyValue(reader.ReadBytes(), out var key, out var value);
                ref var target = ref service;
                if (key.SequenceEqual(ServiceName)) serviceAt = index;
                else if (key.SequenceEqual(ServiceInstanceId)) { target = ref instanceId; instanceAt = index; }
                else if (key.SequenceEqual(HostName)) { target = ref host; hostAt = index; }
                else if (key.SequenceEqual(scenarioKey)) { target = ref scenario; scenarioAt = index; }
                else
                {
                    index++;
                    continue;
                }
                target = WireAttributes.ScalarText(value, strings, out var textError);
                if (textError is { } bad)
                {
                    error = bad.Under($"resource.attributes[{index}]");
                    return default;
                }
                index++;
            }
        }

        var limits = options.Limits;
        var useInstanceId = !string.IsNullOrEmpty(instanceId);
        var instance = useInstanceId ? instanceId : host;
        error = Check(service, serviceAt, "service.name", limits.MaxServiceLength)
            ?? Check(instance, useInstanceId ? instanceAt : hostAt, useInstanceId ? "service.instance.id" : "host.name", limits.MaxInstanceLength)
            ?? Check(scenario, scenarioAt, options.ScenarioAttribute, limits.MaxEndpointLength);
        return new(
            string.IsNullOrEmpty(service) ? UnknownService : service,
            string.IsNullOrEmpty(instance) ? UnknownInstance : instance,
            string.IsNullOrEmpty(scenario) ? null : scenario);
    }

    public static byte[] KeyBytes(string key) => Encoding.UTF8.GetBytes(key);

    private static FieldError? Check(string? value, int index, string key, int max) =>
        value is not null && Checks.Length(value, max) is { } reason
            ? new FieldError($"resource.attributes[{index}].value", $"{reason} (key \"{key}\")")
            : null;
}
