namespace Portal.TrafficGen.Simulation;

/// <summary>
/// Walks a scenario's call tree once: picks instances, draws latencies and failures, lays out sequential and parallel
/// calls in time, and lets a failure travel up to every critical caller. Writes the spans in call order and the log
/// lines each service would write.
/// </summary>
internal sealed class TransactionBuilder(Random random, InstanceClocks clocks, IReadOnlyList<InjectedFault> faults, Func<string, DateTime, bool>? isDown)
{
    private readonly List<SimSpan?> _spans = [];
    private readonly List<SimLog> _logs = [];
    private string _traceId = "";
    private string _scenario = "";
    private string _channel = "";
    private BusinessContext _business = null!;

    public Transaction Build(long serial, DateTime startUtc, Scenario scenario, string channel)
    {
        // The global serial number: the business date, then random digits (all hex, as trace ids must be).
        _traceId = startUtc.ToString("yyyyMMdd") + random.Hex(12);
        _scenario = scenario.Code;
        _channel = channel;
        _business = BusinessContext.Draw(random, scenario.Code);

        var rootCall = scenario.TreeByChannel[channel];
        var root = Call(rootCall, startUtc, null);
        // Written when the request arrived, on the root span (OTLP links a log line only with both trace and span id).
        Log(startUtc, root.Instance, SimLogLevel.Info, LogTexts.Received(_scenario, channel, _business), root.SpanId);
        if (!root.Success) Log(root.TrueEnd, root.Instance, SimLogLevel.Error, LogTexts.TransactionFailed(_traceId, _scenario, Origin()), root.SpanId);

        var events = new List<SimEvent>();
        if (root.Success && scenario.CompletedEvent is { } type)
            events.Add(BusinessEvent(type, root));
        return new(serial, _traceId, _scenario, channel, [.. _spans.Select(s => s!)], _logs, events);
    }

    private SimSpan Call(CallSpec call, DateTime start, string? parentSpanId)
    {
        var profile = ServiceProfiles.Of(call.Service);
        var instance = PickInstance(call.Service, start);
        var spanId = random.Hex(8);
        var slot = _spans.Count;
        _spans.Add(null);

        var selfMs = random.LogNormal(call.MedianMs, profile.Sigma) * FaultBoard.SlowFactor(faults, call.Service, start);
        var injected = random.NextDouble() < FaultBoard.FailShare(faults, call.Service, start);
        var own = injected ? profile.SystemError
            : random.NextDouble() < profile.ErrorRate ? random.PickWeighted(profile.Errors, e => e.Weight)
            : null;

        // A call does a little work before its first downstream call and the rest after the last one.
        var cursor = start + Ms(selfMs * 0.4);
        SimSpan? failedChild = null;
        if (own is null)
        {
            foreach (var step in call.Steps)
            {
                var stepStart = cursor + Ms(random.NextDouble() * 1.5 + 0.2);
                var stepEnd = stepStart;
                foreach (var child in step.Calls)
                {
                    if (child.Probability < 1 && random.NextDouble() >= child.Probability) continue;
                    var childSpan = Call(child, stepStart, spanId);
                    if (childSpan.TrueEnd > stepEnd) stepEnd = childSpan.TrueEnd;
                    if (childSpan.Success) continue;
                    if (child.Critical) failedChild ??= childSpan;
                    else Log(childSpan.TrueEnd, instance, SimLogLevel.Warn, LogTexts.BestEffortFailed(childSpan), spanId);
                }
                cursor = stepEnd + Ms(random.NextDouble() * 1.5 + 0.2);
                if (failedChild is not null) break;
            }
        }
        var durationMs = own?.TimeoutMs is { } timeout
            ? timeout + random.NextDouble() * 5
            : (cursor - start).TotalMilliseconds + selfMs * 0.6;

        var attributes = Attributes(call, parentSpanId is null, own, failedChild, injected);
        var (code, success, message) = own is not null ? (own.Code, false, own.Message)
            : failedChild is not null ? (failedChild.ResultCode, false, $"{failedChild.Service} {failedChild.Endpoint} failed: {failedChild.Message}")
            : ("OK", true, (string?)null);
        var trueStart = start;
        var span = new SimSpan(_traceId, spanId, parentSpanId, call.Service, call.Endpoint, instance,
            BankTopology.IsExternal(call.Service) ? SimSpanKind.Client : SimSpanKind.Server,
            trueStart, clocks.Local(instance, trueStart), Math.Round(durationMs, 3), code, success, message,
            parentSpanId is null ? _scenario : null, attributes);
        _spans[slot] = span;

        if (own is not null)
            Log(span.TrueEnd, instance, SimLogLevel.Error, $"{own.Code} {own.Message}\n{StackTraces.For(profile, own, random)}", spanId,
                new KeyValuePair<string, object>("exception.type", own.Exception));
        else if (failedChild is not null)
            Log(span.TrueEnd, instance, SimLogLevel.Warn, LogTexts.DownstreamFailed(failedChild, call.Endpoint), spanId);
        else
            Log(span.TrueEnd, instance, SimLogLevel.Info, LogTexts.Completed(call, _business, durationMs), spanId);
        return span;
    }

    private List<KeyValuePair<string, object>> Attributes(CallSpec call, bool isRoot, ErrorSpec? own, SimSpan? failedChild, bool injected)
    {
        var attributes = new List<KeyValuePair<string, object>> { new("channel", _channel) };
        if (isRoot)
        {
            attributes.Add(new("business.scenario", _scenario));
            attributes.Add(new("customer.id", _business.CustomerId));
            attributes.Add(new("customer.tier", _business.Tier));
        }
        if (_business.Amount > 0 && (isRoot || call.Service is "payments" or "accounts" or "unionpay"))
        {
            attributes.Add(new("amount", (double)_business.Amount));
            attributes.Add(new("currency", "CNY"));
        }
        if (call.Service is "accounts" or "core-banking") attributes.Add(new("account.id", _business.AccountId));
        if (BankTopology.IsExternal(call.Service)) attributes.Add(new("peer.service", call.Service));
        attributes.Add(new("http.response.status_code", own is not null ? HttpStatus(own) : failedChild is not null ? Status(failedChild) : 200));
        if (own is not null)
        {
            attributes.Add(new("error.type", own.Exception));
            attributes.Add(new("error.origin", true));
        }
        else if (failedChild is not null)
        {
            attributes.Add(new("error.origin", false));
        }
        if (injected) attributes.Add(new("fault.injected", true));
        return attributes;
    }

    private static int HttpStatus(ErrorSpec error) =>
        error.TimeoutMs is not null ? 504 : error.Code.Contains("-429") ? 429 : error.Code.Contains("-4") || error.Code.StartsWith("UP-5") ? 422 : 500;

    private static int Status(SimSpan span) =>
        span.Attributes.FirstOrDefault(a => a.Key == "http.response.status_code").Value is int status ? status : 500;

    /// <summary>The deepest failed span: the node where the transaction actually broke.</summary>
    private SimSpan Origin() =>
        _spans.Select(s => s!).Where(s => !s.Success).FirstOrDefault(s => s.Attributes.Any(a => a.Key == "error.origin" && a.Value is true))
        ?? _spans[0]!;

    private string PickInstance(string service, DateTime at)
    {
        var instances = BankTopology.InstancesOf(service);
        if (isDown is null) return random.Pick(instances);
        var up = instances.Where(i => !isDown(i, at)).ToList();
        return random.Pick(up.Count > 0 ? up : instances);
    }

    private void Log(DateTime trueTime, string instance, SimLogLevel level, string message, string? spanId, params KeyValuePair<string, object>[] extra)
    {
        List<KeyValuePair<string, object>> attributes = [new("business.scenario", _scenario), .. extra];
        _logs.Add(new(trueTime, clocks.Local(instance, trueTime), BankTopology.ServiceOf(instance), instance, level, message, _traceId, spanId, attributes));
    }

    private SimEvent BusinessEvent(string type, SimSpan root)
    {
        var data = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["traceId"] = _traceId, ["customerId"] = _business.CustomerId, ["tier"] = _business.Tier,
            ["amount"] = _business.Amount, ["currency"] = "CNY", ["channel"] = _channel,
        });
        return new($"{_traceId}-done", $"/bank/{_scenario}", type, clocks.Local(root.Instance, root.TrueEnd), _traceId, data);
    }

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
