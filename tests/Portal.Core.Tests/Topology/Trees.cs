using Portal.Core.Topology;
using static Portal.Core.Tests.Topology.TraceGenerator;

namespace Portal.Core.Tests.Topology;

/// <summary>The call trees of a "transfer" scenario used across the topology tests.</summary>
internal static class Trees
{
    public static readonly TopologyNodeKey Gateway = new("gateway", "POST /transfer");
    public static readonly TopologyNodeKey Debit = new("accounts", "debit");
    public static readonly TopologyNodeKey Execute = new("payments", "execute");
    public static readonly TopologyNodeKey Post = new("ledger", "post");
    public static readonly TopologyNodeKey Notify = new("notify", "send");
    public static readonly TopologyNodeKey Fraud = new("fraud", "check");
    public static readonly TopologyNodeKey Reverse = new("compensation", "reverse");
    public static readonly TopologyNodeKey QueryStatus = new("ledger", "queryStatus");

    /// <summary>gateway → accounts:debit (→ ledger:post), then gateway → payments:execute (→ ledger:post, then → notify:send).</summary>
    public static Call Stable() => Build();

    /// <summary>The stable tree with payments:execute also calling fraud:check first.</summary>
    public static Call WithFraudCheck() => Build(fraudCheck: true);

    /// <summary>The stable tree without notify:send.</summary>
    public static Call WithoutNotify() => Build(notify: false);

    /// <summary>A failed transfer: ledger:post fails for payments, which then calls compensation:reverse; the root fails.</summary>
    public static Call FailedWithCompensation() =>
        C("gateway", "POST /transfer",
            C("accounts", "debit", C("ledger", "post")),
            C("payments", "execute", C("ledger", "post").Failing(), C("compensation", "reverse")).Failing()).Failing();

    /// <summary>ledger:post times out and payments polls ledger:queryStatus three times; the transfer then succeeds.</summary>
    public static Call TimeoutThenPolling() =>
        C("gateway", "POST /transfer",
            C("accounts", "debit", C("ledger", "post")),
            C("payments", "execute", C("ledger", "post").Failing(), C("ledger", "queryStatus").Retried(3), C("notify", "send")));

    /// <summary>The stable tree where gateway retries accounts:debit once.</summary>
    public static Call DebitRetried() =>
        C("gateway", "POST /transfer",
            C("accounts", "debit", C("ledger", "post")).Retried(2),
            C("payments", "execute", C("ledger", "post"), C("notify", "send")));

    private static Call Build(bool fraudCheck = false, bool notify = true)
    {
        var paymentCalls = new List<Call>();
        if (fraudCheck) paymentCalls.Add(C("fraud", "check"));
        paymentCalls.Add(C("ledger", "post"));
        if (notify) paymentCalls.Add(C("notify", "send"));
        return C("gateway", "POST /transfer",
            C("accounts", "debit", C("ledger", "post")),
            C("payments", "execute", [.. paymentCalls]));
    }
}
