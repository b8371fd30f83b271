namespace Portal.Core.Windowing;

/// <summary>
/// Gives every window key a small integer id, so the hot path hashes a service name and an endpoint name once per record
/// and never builds a key string: key strings are made once, when a key is first seen.
/// </summary>
internal sealed class WindowKeyRegistry
{
    public const int AllKeyId = 0;

    private readonly List<WindowKey> _keys = [WindowKey.All];
    private readonly Dictionary<string, ServiceKeys> _services = new(StringComparer.Ordinal);
    private readonly List<ServiceKeys> _servicesByOrdinal = [];
    private readonly NameCache<ServiceKeys> _recentServices = new(512);
    private readonly Dictionary<string, int> _scenarios = new(StringComparer.Ordinal);
    private readonly NameCache<int> _recentScenarios = new(2048);

    public int Count => _keys.Count;

    public WindowKey this[int keyId] => _keys[keyId];

    public ServiceKeys Service(string service)
    {
        if (_recentServices.TryGet(service, out var keys)) return keys;
        if (!_services.TryGetValue(service, out keys))
        {
            keys = new ServiceKeys(this, service, Register(WindowKey.ForService(service)), _servicesByOrdinal.Count);
            _services.Add(service, keys);
            _servicesByOrdinal.Add(keys);
        }
        _recentServices.Set(service, keys);
        return keys;
    }

    /// <summary>The service with this <see cref="ServiceKeys.Ordinal"/>.</summary>
    public ServiceKeys ServiceAt(int ordinal) => _servicesByOrdinal[ordinal];

    /// <summary>
    /// Starts loading what looking up <paramref name="endpoint"/> of a recently seen <paramref name="service"/>, and
    /// <paramref name="scenario"/> when given, will read (see <see cref="CacheHint"/>).
    /// </summary>
    public void Prefetch(string service, string endpoint, string? scenario)
    {
        if (_recentServices.TryGet(service, out var keys)) keys.PrefetchEndpoint(endpoint);
        if (scenario is not null) _recentScenarios.Prefetch(scenario);
    }

    public int Scenario(string scenario)
    {
        if (_recentScenarios.TryGet(scenario, out var keyId)) return keyId;
        if (!_scenarios.TryGetValue(scenario, out keyId))
        {
            keyId = Register(WindowKey.ForScenario(scenario));
            _scenarios.Add(scenario, keyId);
        }
        _recentScenarios.Set(scenario, keyId);
        return keyId;
    }

    private int Register(WindowKey key)
    {
        _keys.Add(key);
        return _keys.Count - 1;
    }

    /// <summary>The keys that belong to one service: its own, its endpoints', and the edges that call it.</summary>
    internal sealed class ServiceKeys(WindowKeyRegistry registry, string name, int keyId, int ordinal)
    {
        private readonly Dictionary<string, int> _endpoints = new(StringComparer.Ordinal);
        private readonly NameCache<int> _recentEndpoints = new(256);
        /// <summary>Edge key ids by the caller's <see cref="KeyId"/>.</summary>
        private readonly Dictionary<int, int> _edgesFrom = [];

        public string Name { get; } = name;
        public int KeyId { get; } = keyId;
        /// <summary>0, 1, 2… in the order services were first seen: what span tables store instead of a reference.</summary>
        public int Ordinal { get; } = ordinal;

        public int Endpoint(string endpoint)
        {
            if (_recentEndpoints.TryGet(endpoint, out var id)) return id;
            if (!_endpoints.TryGetValue(endpoint, out id))
            {
                id = registry.Register(WindowKey.ForEndpoint(Name, endpoint));
                _endpoints.Add(endpoint, id);
            }
            _recentEndpoints.Set(endpoint, id);
            return id;
        }

        public void PrefetchEndpoint(string endpoint) => _recentEndpoints.Prefetch(endpoint);

        public int EdgeFrom(ServiceKeys caller)
        {
            if (!_edgesFrom.TryGetValue(caller.KeyId, out var id))
            {
                id = registry.Register(WindowKey.ForEdge(caller.Name, Name));
                _edgesFrom.Add(caller.KeyId, id);
            }
            return id;
        }
    }
}
