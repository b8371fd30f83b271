using Portal.Core.Otlp.Proto.Resource.V1;

namespace Portal.Core.Ingest.Otlp;

/// <summary>
/// What the portal takes from an OTLP resource: the service (<c>service.name</c>, else "unknown_service" as the
/// OpenTelemetry SDKs default to), the instance (<c>service.instance.id</c>, else <c>host.name</c>, else
/// "unknown_instance") and the scenario attribute, which spans inherit when they do not set it themselves.
/// </summary>
internal readonly record struct OtlpResource(string Service, string Instance, string? Scenario)
{
    public const string UnknownService = "unknown_service";
    public const string UnknownInstance = "unknown_instance";

    public static OtlpResource Read(Resource? resource, IngestOptions options, out FieldError? error)
    {
        error = null;
        string? service = null, instanceId = null, host = null, scenario = null;
        int serviceAt = -1, instanceAt = -1, hostAt = -1, scenarioAt = -1;
        var attributes = resource?.Attributes;
        for (var i = 0; attributes is not null && i < attributes.Count; i++)
        {
            var key = attributes[i].Key;
            switch (key)
            {
                case "service.name": service = OtlpAttributes.ScalarText(attributes[i].Value); serviceAt = i; break;
                case "service.instance.id": instanceId = OtlpAttributes.ScalarText(attributes[i].Value); instanceAt = i; break;
                case "host.name": host = OtlpAttributes.ScalarText(attributes[i].Value); hostAt = i; break;
                default:
                    if (key == options.ScenarioAttribute) { scenario = OtlpAttributes.ScalarText(attributes[i].Value); scenarioAt = i; }
                    break;
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

    private static FieldError? Check(string? value, int index, string key, int max) =>
        value is not null && Checks.Length(value, max) is { } reason
            ? new FieldError($"attributes[{index}].value", $"{reason} (key \"{key}\")")
            : null;
}
