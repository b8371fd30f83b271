namespace Portal.TrafficGen.Simulation;

/// <summary>The info lines services write when a call completes, in the style of each capability centre.</summary>
public static class LogTexts
{
    public static string Received(string scenario, string channel, BusinessContext business) =>
        $"Received {scenario} request from {channel}: customer={business.CustomerId} tier={business.Tier}" +
        (business.Amount > 0 ? $" amount={business.Amount:0.00} CNY" : "");

    public static string Completed(CallSpec call, BusinessContext business, double durationMs) => call.Service switch
    {
        "accounts" when call.Endpoint.Contains("debit") => $"Debited {business.Amount:0.00} CNY from account {business.AccountId} in {durationMs:0} ms",
        "accounts" when call.Endpoint.Contains("credit") => $"Credited {business.Amount:0.00} CNY in {durationMs:0} ms",
        "accounts" => $"Account {business.AccountId}: {call.Endpoint} served in {durationMs:0} ms",
        "payments" => $"Payment order for {business.Amount:0.00} CNY accepted, customer {business.CustomerId}, {durationMs:0} ms",
        "risk" => $"Risk decision PASS for customer {business.CustomerId} (score {40 + (int)durationMs % 50}), {durationMs:0} ms",
        "customer" => $"Customer {business.CustomerId} ({business.Tier}) resolved for {call.Endpoint} in {durationMs:0} ms",
        "notification" => $"Notification queued for customer {business.CustomerId} via {call.Endpoint.Split('/')[^1]}",
        "core-banking" => $"CBS {call.Endpoint} committed, journal {(long)(durationMs * 7919) % 1_000_000:000000}, {durationMs:0} ms",
        "unionpay" or "credit-bureau" => $"External {call.Service} answered {call.Endpoint} in {durationMs:0} ms",
        "gateway" => $"{call.Endpoint} -> 200 in {durationMs:0} ms",
        _ => $"{call.Endpoint} completed in {durationMs:0} ms",
    };

    public static string DownstreamFailed(SimSpan child, string endpoint) =>
        $"Call to {child.Service} {child.Endpoint} failed with {child.ResultCode}; aborting {endpoint}";

    public static string BestEffortFailed(SimSpan child) =>
        $"{child.Service} {child.Endpoint} failed with {child.ResultCode}; continuing without it";

    public static string TransactionFailed(string traceId, string scenario, SimSpan origin) =>
        $"Transaction {traceId} ({scenario}) failed: {origin.ResultCode} {origin.Message} at {origin.Service}/{origin.Instance}";
}
