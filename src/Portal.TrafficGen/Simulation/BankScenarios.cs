namespace Portal.TrafficGen.Simulation;

/// <summary>
/// The five business scenarios of the bank and their call trees: channel → gateway → capability centres → core banking
/// and external systems.
/// </summary>
public static class BankScenarios
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("balance-inquiry", 40, Channels("GET", "balance", BalanceInquiry()), null),
        new("transfer", 25, Channels("POST", "transfer", Transfer()), "com.bank.payments.TransferCompleted"),
        new("bill-payment", 20, Channels("POST", "bills/pay", BillPayment()), "com.bank.payments.BillPaid"),
        new("loan-application", 8, Channels("POST", "loans/apply", LoanApplication()), "com.bank.loans.LoanApplicationSubmitted"),
        new("account-opening", 7, Channels("POST", "accounts/open", AccountOpening()), "com.bank.accounts.AccountOpened"),
    ];

    public static Scenario ByCode(string code) => All.First(s => s.Code == code);

    private static CallSpec Call(string service, string endpoint, double medianMs, params CallStep[] steps) =>
        new(service, endpoint, medianMs, steps);

    private static CallStep Parallel(params CallSpec[] calls) => new(calls);

    private static Dictionary<string, CallSpec> Channels(string method, string path, CallSpec gateway) => new()
    {
        ["mobile-app"] = Call("mobile-app", $"{method} /app/{path}", 4, gateway),
        ["counter"] = Call("counter", $"{method} /counter/{path}", 6, gateway),
    };

    private static CallSpec Posting() => Call("core-banking", "POST /cbs/postings", 18);

    private static CallSpec BalanceInquiry() =>
        Call("gateway", "GET /api/v1/accounts/{id}/balance", 2,
            Call("accounts", "GET /accounts/{id}/balance", 3,
                Call("core-banking", "GET /cbs/accounts/{id}/balance", 8)));

    private static CallSpec Transfer() =>
        Call("gateway", "POST /api/v1/transfers", 2,
            Call("customer", "GET /customers/{id}/profile", 5),
            Call("risk", "POST /risk/evaluate", 6,
                Parallel(
                    Call("customer", "GET /customers/{id}/blacklist", 3),
                    Call("accounts", "GET /accounts/{id}/velocity", 4))),
            Call("payments", "POST /payments/transfers", 5,
                Call("accounts", "POST /accounts/debit", 4, Posting()),
                Call("unionpay", "POST /unionpay/clearing", 60).Optional(0.4),
                Call("accounts", "POST /accounts/credit", 4, Posting())),
            Call("notification", "POST /notify/sms", 12).BestEffort());

    private static CallSpec BillPayment() =>
        Call("gateway", "POST /api/v1/bills", 2,
            Call("risk", "POST /risk/evaluate", 6),
            Call("payments", "POST /payments/bills", 5,
                Call("accounts", "POST /accounts/debit", 4, Posting()),
                Call("unionpay", "POST /unionpay/bill-settlement", 45)),
            Call("notification", "POST /notify/push", 8).BestEffort());

    private static CallSpec LoanApplication() =>
        Call("gateway", "POST /api/v1/loans", 2,
            Call("customer", "GET /customers/{id}/profile", 5),
            Parallel(
                Call("risk", "POST /risk/credit-score", 10,
                    Call("credit-bureau", "POST /credit-bureau/reports", 120)),
                Call("accounts", "GET /accounts/{id}/income-statement", 6,
                    Call("core-banking", "GET /cbs/accounts/{id}/transactions", 25))),
            Call("risk", "POST /risk/loan-decision", 15),
            Call("notification", "POST /notify/sms", 12).BestEffort());

    private static CallSpec AccountOpening() =>
        Call("gateway", "POST /api/v1/accounts", 2,
            Call("customer", "POST /customers/kyc", 8,
                Call("credit-bureau", "GET /credit-bureau/identity", 90)),
            Call("risk", "POST /risk/aml-screening", 12),
            Call("accounts", "POST /accounts", 6,
                Call("core-banking", "POST /cbs/accounts", 30)),
            Call("notification", "POST /notify/email", 15).BestEffort());
}
